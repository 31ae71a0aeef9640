import { quantitySpec, type Alarm, type Sensor } from '@pengcheng/protocol';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { VirtualRow, type RowPlace } from '../live/VirtualList.js';
import { awaitsAcknowledgement, breachDirection, formatReading, localName, rowState, UNIT_KEYS } from './alarmRows.js';

export interface AlarmRowProps extends RowPlace {
  readonly alarm: Alarm;
  /** Undefined when the registry does not (yet) hold the alarm's sensor. */
  readonly sensor: Sensor | undefined;
  /** "3 minutes ago", from the list's one clock. */
  readonly age: string;
  /** The screen's user may acknowledge (desk, operator). */
  readonly acknowledgeable: boolean;
  readonly pending: boolean;
  /** The server's reason the last acknowledgement failed. */
  readonly failure: string | undefined;
  readonly fresh: boolean;
  readonly selected: boolean;
  readonly onSelect: (alarm: Alarm) => void;
  readonly onAcknowledge: (alarmId: string) => void;
}

/** One open alarm: level, where, what, how bad, since when, and who has seen it. */
export const AlarmRow = memo(function AlarmRow({ alarm, sensor, age, acknowledgeable, pending, failure, fresh, selected, onSelect, onAcknowledge, ...place }: AlarmRowProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const spec = sensor ? quantitySpec(sensor.kind, alarm.quantity) : undefined;
  const unitKey = spec ? UNIT_KEYS[spec.unit] : undefined;
  const unit = unitKey ? t(`alarms.units.${unitKey}`) : undefined;
  const withUnit = (value: number) => (unit ? t('alarms.withUnit', { value: formatReading(locale, value), unit }) : formatReading(locale, value));
  const sensorName = sensor ? localName(sensor.name, locale) : alarm.sensorId;
  const state = rowState(alarm);
  const awaiting = awaitsAcknowledgement(alarm);
  const stateText = state === 'acknowledged' && alarm.acknowledgedBy ? t('alarms.states.acknowledgedBy', { name: alarm.acknowledgedBy }) : t(`alarms.states.${state}`);
  const direction = breachDirection(sensor, alarm.quantity) ?? 'unknown';
  const raisedAt = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(alarm.raisedAtMs);

  const classes = ['alarm-row', `alarm-row--${alarm.level}`, awaiting && 'alarm-row--awaiting', fresh && 'alarm-row--fresh'].filter(Boolean).join(' ');
  return (
    <VirtualRow
      {...place}
      className={classes}
      selected={selected}
      testId="alarm-row"
      data={{ 'data-alarm-id': alarm.id, 'data-level': alarm.level, 'data-state': alarm.state, 'data-awaiting-ack': awaiting ? 'true' : 'false' }}
      onSelect={() => onSelect(alarm)}
    >
      <div className="live-row__line alarm-row__head">
        <span className="alarm-row__level">{t(`alarms.levels.${alarm.level}`)}</span>
        <span className="alarm-row__sensor" title={sensorName}>
          {sensorName}
        </span>
        {sensor && <span className="alarm-row__kind">{t(`modes.sensorKinds.${sensor.kind}`, { defaultValue: sensor.kind })}</span>}
        <time className="live-row__age" dateTime={new Date(alarm.raisedAtMs).toISOString()} title={t('alarms.raisedAt', { time: raisedAt })}>
          {age}
        </time>
      </div>
      <div className="live-row__line alarm-row__values">
        <span className="alarm-row__quantity">{spec ? localName(spec.name, locale) : alarm.quantity}</span>
        <span className="alarm-row__reading">{t('alarms.reading', { last: withUnit(alarm.lastValue), peak: withUnit(alarm.peakValue) })}</span>
        <span className="alarm-row__threshold">{t(`alarms.threshold.${direction}`, { value: withUnit(alarm.threshold) })}</span>
      </div>
      <div className="live-row__line live-row__foot alarm-row__foot">
        {awaiting && failure ? (
          <span className="alarm-row__failure" role="alert" title={failure}>
            {t('alarms.failed', { reason: failure })}
          </span>
        ) : (
          <span className={`alarm-row__state alarm-row__state--${state}`}>{stateText}</span>
        )}
        {acknowledgeable && awaiting && (
          <button
            type="button"
            className="alarm-row__acknowledge"
            disabled={pending}
            aria-label={t('alarms.acknowledgeLabel', { sensor: sensorName })}
            onClick={(event) => {
              // Acknowledging is not selecting: the camera stays where the operator has it.
              event.stopPropagation();
              onAcknowledge(alarm.id);
            }}
          >
            {t(pending ? 'alarms.acknowledging' : 'alarms.acknowledge')}
          </button>
        )}
      </div>
    </VirtualRow>
  );
});
