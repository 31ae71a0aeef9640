import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlarmList } from '../alarms/AlarmList.js';
import { IncidentList } from '../incidents/IncidentList.js';
import { useViewer } from '../storeContext.js';
import type { LiveActions } from './liveActions.js';
import './live.css';

type Tab = 'alarms' | 'incidents';

/** The desk's live lists, one at a time: alarms (告警) or incidents (事件), each tab with its count. */
/** `actions` absent (a replay): the alarms offer no acknowledgement. */
export function LiveLists({ actions }: { actions?: Pick<LiveActions, 'acknowledgeAlarm'> | undefined }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('alarms');
  const alarms = useViewer((s) => s.live.alarms.length);
  const incidents = useViewer((s) => s.live.incidents.length);
  const counts: Record<Tab, number> = { alarms, incidents };
  return (
    <div className="live-lists">
      <div className="live-lists__tabs" role="tablist" aria-label={t('live.lists.label')}>
        {(['alarms', 'incidents'] as const).map((id) => (
          <button key={id} type="button" role="tab" className="live-lists__tab" aria-selected={tab === id} data-testid={`live-tab-${id}`} onClick={() => setTab(id)}>
            {t(`live.lists.${id}`)}
            <span className="live-lists__count">{counts[id]}</span>
          </button>
        ))}
      </div>
      <div role="tabpanel">{tab === 'alarms' ? <AlarmList variant="desk" {...(actions ? { actions } : {})} /> : <IncidentList variant="desk" />}</div>
    </div>
  );
}
