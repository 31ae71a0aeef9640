import { roleMay, type Alarm, type Incident, type IncidentAction, type Sensor } from '@pengcheng/protocol';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATE_COLOURS } from '../../engine/live/sensors/sensorPalette.js';
import { sensorState } from '../../engine/live/sensors/sensorState.js';
import { ageSince, formatAge, localName } from '../alarms/alarmRows.js';
import { focusAlarm } from '../alarms/focusAlarm.js';
import { LiveActionError, type LiveActions } from '../live/liveActions.js';
import { useNow } from '../live/useClock.js';
import { useViewer, useViewerStoreApi } from '../storeContext.js';
import { INCIDENT_RADIUS_M } from './focusIncident.js';
import { allowedActions, assignRequest, errorKey, nearbyCameras, needsNote, transitionRequest, type Camera } from './incidentLoop.js';
import { LoopSteps } from './LoopSteps.js';
import './incidents.css';

export type IncidentPanelVariant = 'wall' | 'desk';
export type IncidentWriteActions = Pick<LiveActions, 'transitionIncident' | 'updateIncident'>;

export interface IncidentPanelProps {
  /** `wall`: big type, no actions; `desk`: compact, with the operator's actions. */
  readonly variant: IncidentPanelVariant;
  /** The desk's server actions; without them (the wall, the kiosk) the panel offers none. */
  readonly actions?: IncidentWriteActions;
  /** The district's cameras (the overlays' cameras.geojson); those within 300 m are listed. */
  readonly cameras?: readonly Camera[];
  /** Where the layout puts the panel. */
  readonly className?: string;
}

/** What is on its way to the server: the action and the version it was sent from. */
interface Pending {
  readonly action: IncidentAction | 'assign';
  readonly version: number;
}

/** A refusal as the panel shows it. */
interface Refusal {
  readonly code: string;
  readonly message: string;
}

/** After a success the hub brings the new version; if it does not come this soon, the buttons come back anyway. */
const SETTLE_MS = 10_000;
const NO_CAMERAS: readonly Camera[] = [];

/** The panel of the selected incident (`live.selectedIncidentId`); nothing when none is selected or it is not open. */
export function IncidentPanel(props: IncidentPanelProps) {
  const selectedId = useViewer((s) => s.live.selectedIncidentId);
  const incident = useViewer((s) => (selectedId === undefined ? undefined : s.live.incidents.find((i) => i.id === selectedId)));
  if (!incident) return null;
  // Keyed by incident: another selection starts with empty fields and no refusal.
  return <IncidentDetails key={incident.id} incident={incident} {...props} />;
}

function refusalOf(error: unknown): Refusal {
  if (error instanceof LiveActionError) return { code: error.code, message: error.message };
  return { code: 'error', message: error instanceof Error ? error.message : String(error) };
}

function IncidentDetails({ incident, variant, actions, cameras = NO_CAMERAS, className }: IncidentPanelProps & { readonly incident: Incident }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const store = useViewerStoreApi();
  const setLive = useViewer((s) => s.setLive);
  const engine = useViewer((s) => s.engine);
  const role = useViewer((s) => s.live.principal?.role);
  const sensors = useViewer((s) => s.live.sensors);
  const readings = useViewer((s) => s.live.readings);
  const alarms = useViewer((s) => s.live.alarms);
  const now = useNow(true, 15_000);

  const operable = variant === 'desk' && actions !== undefined && role !== undefined && roleMay(role, 'incidents:write');
  const personal = incident.reporter !== undefined && role !== undefined && roleMay(role, 'personal-data:read');

  const [department, setDepartment] = useState('');
  const [note, setNote] = useState('');
  const [assignee, setAssignee] = useState(incident.assignee ?? '');
  const [pending, setPending] = useState<Pending | undefined>(undefined);
  const [refusal, setRefusal] = useState<Refusal | undefined>(undefined);

  // The hub's newer version ends the wait; so does a quiet hub, after a while.
  useEffect(() => {
    if (pending && incident.version !== pending.version) setPending(undefined);
  }, [incident.version, pending]);
  useEffect(() => {
    if (!pending) return undefined;
    const timer = window.setTimeout(() => setPending(undefined), SETTLE_MS);
    return () => window.clearTimeout(timer);
  }, [pending]);

  const send = (action: Pending['action'], request: () => Promise<unknown>) => {
    setPending({ action, version: incident.version });
    setRefusal(undefined);
    request().then(
      () => {
        setNote('');
        setDepartment('');
      },
      (error: unknown) => {
        setRefusal(refusalOf(error));
        setPending(undefined);
      },
    );
  };
  const act = (action: IncidentAction) => {
    if (!actions) return;
    const request = transitionRequest(action, incident.version, { department, note });
    send(action, () => actions.transitionIncident(incident.id, request));
  };
  const assign = () => {
    const request = assignRequest(incident.version, assignee, note);
    if (!actions || !request) return;
    send('assign', () => actions.updateIncident(incident.id, request));
  };

  const absolute = useMemo(() => new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }), [locale]);
  const metres = useMemo(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }), [locale]);
  const when = (atMs: number) => t('incidents.panel.at', { relative: formatAge(locale, ageSince(now, atMs)), absolute: absolute.format(atMs) });
  const stateName = (state: string | undefined) => (state ? t(`incidents.states.${state}`, { defaultValue: state }) : '');

  const nearby = useMemo(() => nearbyCameras(incident.place, cameras), [incident.place, cameras]);
  const linkedAlarms = incident.linkedAlarms.map((id) => ({ id, alarm: alarms.find((a) => a.id === id) }));
  const offered = operable ? allowedActions(incident.state) : [];
  const busy = pending !== undefined;
  const wall = variant === 'wall';

  const flyToPlace = (radiusM: number) => void engine?.flyTo({ longitude: incident.place.lon, latitude: incident.place.lat, heightM: incident.place.height, radiusM });
  const showAsset = (id: string) => {
    engine?.selectFeature(id);
    flyToPlace(INCIDENT_RADIUS_M / 2);
  };
  const showCamera = (camera: Camera) => void engine?.flyTo({ longitude: camera.lon, latitude: camera.lat, heightM: incident.place.height, radiusM: 30 });
  const selectSensor = (sensor: Sensor) => setLive({ selectedSensorId: sensor.id });
  const selectAlarm = (alarm: Alarm) => focusAlarm(store.getState(), alarm);

  const actionLabel = (action: IncidentAction) =>
    t(action === 'dispatch' && incident.state === 'dispatched' ? 'incidents.actions.redispatch' : action === 'close' && incident.state === 'reported' ? 'incidents.actions.closeReported' : `incidents.actions.${action}`);

  const classes = [wall ? 'wall-panel' : 'panel', 'incident-panel', `incident-panel--${variant}`, `incident-panel--${incident.severity}`, className].filter(Boolean).join(' ');
  return (
    <aside className={classes} data-testid="incident-panel" data-incident-id={incident.id} data-state={incident.state} data-version={incident.version} aria-label={t('incidents.panel.label')}>
      <header className={wall ? 'incident-panel__header' : 'panel__header incident-panel__header'}>
        <div className="incident-panel__heading">
          <h2 className={wall ? 'wall-panel__title incident-panel__title' : 'panel__title incident-panel__title'}>{incident.title}</h2>
          <p className="incident-panel__tags">
            <span className={`incident-severity incident-severity--${incident.severity}`}>{t(`incidents.severities.${incident.severity}`)}</span>
            <span className="incident-panel__category">{t(`incidents.categories.${incident.category}`)}</span>
            <span className={`incident-state incident-state--${incident.state}`}>{t(`incidents.states.${incident.state}`)}</span>
          </p>
        </div>
        {!wall && (
          <button type="button" className="panel__close" aria-label={t('incidents.panel.close')} onClick={() => setLive({ selectedIncidentId: undefined })}>
            ×
          </button>
        )}
      </header>
      <div className="incident-panel__body">
        <LoopSteps state={incident.state} />

        <dl className="incident-panel__facts">
          <Fact label={t('incidents.panel.id')} value={incident.id} />
          <Fact label={t('incidents.panel.source')} value={t(`incidents.sources.${incident.source}`)} />
          {incident.address && <Fact label={t('incidents.panel.address')} value={incident.address} />}
          <Fact label={t('incidents.panel.department')} value={incident.department ?? t('incidents.noDepartment')} />
          <Fact label={t('incidents.panel.assignee')} value={incident.assignee ?? t('incidents.unassigned')} />
          {personal && incident.reporter?.name && <Fact label={t('incidents.panel.caller')} value={incident.reporter.name} testId="incident-caller" />}
          {personal && incident.reporter?.phone && <Fact label={t('incidents.panel.phone')} value={incident.reporter.phone} testId="incident-phone" />}
        </dl>
        {incident.description && <p className="incident-panel__description">{incident.description}</p>}

        {operable && (
          <section className="incident-panel__section incident-actions" aria-label={t('incidents.panel.operate')}>
            <h3 className="incident-panel__subtitle">{t('incidents.panel.operate')}</h3>
            {offered.includes('dispatch') && (
              <label className="incident-actions__field">
                <span>{t('incidents.panel.departmentField')}</span>
                <input type="text" maxLength={64} value={department} disabled={busy} onChange={(e) => setDepartment(e.target.value)} data-testid="incident-department" />
              </label>
            )}
            <label className="incident-actions__field">
              <span>{t('incidents.panel.noteField')}</span>
              <textarea rows={2} maxLength={2000} value={note} disabled={busy} onChange={(e) => setNote(e.target.value)} data-testid="incident-note" />
            </label>
            <div className="incident-actions__buttons">
              {offered.map((action) => (
                <button
                  key={action}
                  type="button"
                  className={`incident-actions__button incident-actions__button--${action}`}
                  data-testid={`incident-action-${action}`}
                  disabled={busy || (needsNote(action) && note.trim() === '')}
                  title={needsNote(action) && note.trim() === '' ? t('incidents.panel.noteRequired') : undefined}
                  onClick={() => act(action)}
                >
                  {pending?.action === action ? t('incidents.actions.pending') : actionLabel(action)}
                </button>
              ))}
            </div>
            <div className="incident-actions__assign">
              <label className="incident-actions__field">
                <span>{t('incidents.panel.assigneeField')}</span>
                <input type="text" maxLength={64} value={assignee} disabled={busy} onChange={(e) => setAssignee(e.target.value)} data-testid="incident-assignee" />
              </label>
              <button type="button" className="incident-actions__button" data-testid="incident-action-assign" disabled={busy || assignee.trim() === '' || assignee.trim() === incident.assignee} onClick={assign}>
                {pending?.action === 'assign' ? t('incidents.actions.pending') : t('incidents.actions.assign')}
              </button>
            </div>
            {refusal && (
              <div className="incident-error" role="alert" data-testid="incident-error" data-code={refusal.code}>
                <strong>{t('incidents.errors.title')}</strong> {t(`incidents.errors.${errorKey(refusal.code)}`)}
                <span className="incident-error__reason">{t('incidents.errors.reason', { code: refusal.code, message: refusal.message })}</span>
              </div>
            )}
          </section>
        )}

        <section className="incident-panel__section">
          <h3 className="incident-panel__subtitle">{t('incidents.panel.timeline')}</h3>
          {incident.audit.length === 0 ? (
            <p className="incident-panel__none">{t('incidents.panel.noTimeline')}</p>
          ) : (
            <ol className="incident-timeline" data-testid="incident-timeline">
              {incident.audit.map((entry, i) => (
                <li key={`${entry.atMs}:${i}`} className="incident-timeline__entry">
                  <time className="incident-timeline__time" dateTime={new Date(entry.atMs).toISOString()}>
                    {when(entry.atMs)}
                  </time>
                  <span className="incident-timeline__what">
                    <span className="incident-timeline__action">{t(`incidents.auditActions.${entry.action}`, { defaultValue: entry.action })}</span>
                    {entry.from !== undefined || entry.to !== undefined ? <span className="incident-timeline__move">{entry.from ? t('incidents.panel.fromTo', { from: stateName(entry.from), to: stateName(entry.to) }) : stateName(entry.to)}</span> : null}
                    <span className="incident-timeline__actor">{entry.actor}</span>
                  </span>
                  {entry.note && <span className="incident-timeline__note">{entry.note}</span>}
                </li>
              ))}
            </ol>
          )}
        </section>

        <section className="incident-panel__section">
          <h3 className="incident-panel__subtitle">{t('incidents.panel.sensors')}</h3>
          {incident.linkedSensors.length === 0 ? (
            <p className="incident-panel__none">{t('incidents.panel.noSensors')}</p>
          ) : (
            <ul className="incident-links" data-testid="incident-sensors">
              {incident.linkedSensors.map((id) => {
                const sensor = sensors.get(id);
                if (!sensor) return <li key={id} className="incident-links__item">{t('incidents.panel.unknownSensor', { id })}</li>;
                const state = sensorState(sensor, readings.get(id), alarms, now);
                return (
                  <li key={id} className="incident-links__item">
                    <button type="button" className="incident-links__button" data-testid="incident-sensor" data-sensor-id={id} disabled={wall} onClick={() => selectSensor(sensor)}>
                      <span className="incident-links__name">{localName(sensor.name, locale)}</span>
                      <span className="incident-links__badge" style={{ ['--state' as string]: STATE_COLOURS[state] }} data-state={state}>
                        {t(`sensors.states.${state}`)}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </section>

        <section className="incident-panel__section">
          <h3 className="incident-panel__subtitle">{t('incidents.panel.alarms')}</h3>
          {linkedAlarms.length === 0 ? (
            <p className="incident-panel__none">{t('incidents.panel.noAlarms')}</p>
          ) : (
            <ul className="incident-links" data-testid="incident-alarms">
              {linkedAlarms.map(({ id, alarm }) => {
                if (!alarm) return <li key={id} className="incident-links__item">{t('incidents.panel.alarmClosed', { id })}</li>;
                const sensor = sensors.get(alarm.sensorId);
                return (
                  <li key={id} className="incident-links__item">
                    <button type="button" className="incident-links__button" data-alarm-id={id} disabled={wall} onClick={() => selectAlarm(alarm)}>
                      {t('incidents.panel.alarmOpen', { level: t(`incidents.panel.alarmLevels.${alarm.level}`), sensor: sensor ? localName(sensor.name, locale) : alarm.sensorId })}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </section>

        <section className="incident-panel__section">
          <h3 className="incident-panel__subtitle">{t('incidents.panel.cameras')}</h3>
          {nearby.length === 0 ? (
            <p className="incident-panel__none">{t('incidents.panel.noCameras')}</p>
          ) : (
            <ul className="incident-links" data-testid="incident-cameras">
              {nearby.map((camera) => {
                const name = localName(camera.name, locale);
                return (
                  <li key={camera.id} className="incident-links__item">
                    <button type="button" className="incident-links__button" data-camera-id={camera.id} disabled={wall || !engine} aria-label={t('incidents.panel.showCamera', { name })} onClick={() => showCamera(camera)}>
                      <span className="incident-links__name">{name}</span>
                      <span className="incident-links__distance">{t('incidents.panel.distance', { distance: metres.format(camera.distanceM) })}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </section>

        <section className="incident-panel__section">
          <h3 className="incident-panel__subtitle">{t('incidents.panel.assets')}</h3>
          {incident.linkedAssets.length === 0 ? (
            <p className="incident-panel__none">{t('incidents.panel.noAssets')}</p>
          ) : (
            <ul className="incident-links incident-links--inline" data-testid="incident-assets">
              {incident.linkedAssets.map((id) => (
                <li key={id} className="incident-links__item">
                  <button type="button" className="incident-links__button" data-testid="incident-asset" data-asset-id={id} disabled={wall || !engine} aria-label={t('incidents.panel.showAsset', { id })} onClick={() => showAsset(id)}>
                    {id}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </aside>
  );
}

function Fact({ label, value, testId }: { readonly label: string; readonly value: string; readonly testId?: string }) {
  return (
    <div className="incident-panel__fact" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
