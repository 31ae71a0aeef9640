import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The district's own time zone: a wall in Xuzhou shows Xuzhou's time, whatever its computer says. */
const TIME_ZONE = 'Asia/Shanghai';

/** Date, weekday and time, to the second, in the UI's language. */
export function WallClock() {
  const { i18n } = useTranslation();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    // Tick on the second, so the seconds change together with a wall clock's.
    let timer: ReturnType<typeof setTimeout>;
    const tick = (): void => {
      setNow(new Date());
      timer = setTimeout(tick, 1000 - (Date.now() % 1000));
    };
    timer = setTimeout(tick, 1000 - (Date.now() % 1000));
    return () => clearTimeout(timer);
  }, []);
  const locale = i18n.language;
  const time = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(now);
  const date = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }).format(now);
  return (
    <div className="wall-clock" data-testid="wall-clock">
      <time className="wall-clock__time" dateTime={now.toISOString()}>
        {time}
      </time>
      <span className="wall-clock__date">{date}</span>
    </div>
  );
}
