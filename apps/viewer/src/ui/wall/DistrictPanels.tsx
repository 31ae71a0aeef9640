import { PIPE_NETWORK_COLOURS, type DistrictProfile, type PipeNetwork } from '@pengcheng/protocol';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistrictProfileState } from '../layouts/useDistrictProfile.js';
import { BarList, type Bar } from './BarList.js';
import { Kpi } from './Kpi.js';

/** Sensor kinds in the order the command centre reads them: lifeline first, then environment, traffic. */
const SENSOR_ORDER = ['gas_concentration', 'manhole_cover', 'pipe_pressure', 'pipe_flow', 'water_quality', 'water_level', 'bridge_strain', 'bridge_tilt', 'air_quality', 'noise', 'smart_pole_environment', 'traffic_detector', 'parking_occupancy'] as const;

function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return {
    integer: (n: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n),
    decimal: (n: number, digits = 1) => new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n),
  };
}

function Panel({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="wall-panel" data-testid={testId}>
      <h2 className="wall-panel__title">{title}</h2>
      {children}
    </section>
  );
}

function Pending({ state }: { state: DistrictProfileState }) {
  const { t } = useTranslation();
  return <p className="wall-panel__pending">{t(state.phase === 'error' ? 'modes.wall.profileUnavailable' : 'modes.wall.profileLoading')}</p>;
}

/** Left side: the district, its buildings by use, its cameras, poles and parking. */
export function DistrictOverviewPanels({ state }: { state: DistrictProfileState }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (state.phase !== 'ready') {
    return (
      <Panel title={t('modes.wall.overview')}>
        <Pending state={state} />
      </Panel>
    );
  }
  const { profile } = state;
  const uses = Object.entries(profile.buildings.byUse).sort(([, a], [, b]) => b.floorAreaM2 - a.floorAreaM2);
  const largest = uses[0]?.[1].floorAreaM2 ?? 1;
  const useBars: Bar[] = uses.map(([use, entry]) => ({
    key: use,
    label: t(`attributes.values.use.${use}`, { defaultValue: use }),
    value: t('modes.wall.buildingsAndArea', { count: entry.count, buildings: f.integer(entry.count), area: f.decimal(entry.floorAreaM2 / 10_000) }),
    share: entry.floorAreaM2 / largest,
  }));
  return (
    <>
      <Panel title={t('modes.wall.overview')} testId="wall-overview">
        <div className="wall-kpis wall-kpis--three">
          <Kpi label={t('modes.wall.area')} value={f.decimal(profile.areaKm2)} unit={t('modes.units.km2')} />
          <Kpi label={t('modes.wall.buildings')} value={f.integer(profile.buildings.count)} testId="wall-buildings" />
          <Kpi label={t('modes.wall.floorArea')} value={f.decimal(profile.buildings.floorAreaM2 / 10_000, 0)} unit={t('modes.units.tenThousandM2')} />
          <Kpi label={t('modes.wall.tallest')} value={f.decimal(profile.buildings.tallestM)} unit={t('modes.units.m')} />
          <Kpi label={t('modes.wall.roads')} value={f.decimal(profile.roads.lengthKm)} unit={t('modes.units.km')} />
          <Kpi label={t('modes.wall.bridges')} value={f.integer(profile.roads.bridges)} />
        </div>
      </Panel>
      <Panel title={t('modes.wall.buildingUses')} testId="wall-building-uses">
        <p className="wall-panel__note">{t('modes.wall.buildingUsesNote')}</p>
        <BarList bars={useBars} />
      </Panel>
      <Panel title={t('modes.wall.facilities')}>
        <div className="wall-kpis wall-kpis--four">
          <Kpi label={t('modes.wall.cameras')} value={f.integer(profile.facilities.cameras)} />
          <Kpi label={t('modes.wall.smartPoles')} value={f.integer(profile.facilities.smartPoles)} />
          <Kpi label={t('modes.wall.parking')} value={f.integer(profile.facilities.parkingSpaces)} />
          <Kpi label={t('modes.wall.lowPoints')} value={f.integer(profile.facilities.lowPoints)} />
        </div>
      </Panel>
    </>
  );
}

/** Right side: the lifelines underground and the sensors watching them. */
export function LifelinePanels({ state }: { state: DistrictProfileState }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (state.phase !== 'ready') {
    return (
      <Panel title={t('modes.wall.pipelines')}>
        <Pending state={state} />
      </Panel>
    );
  }
  const { profile }: { profile: DistrictProfile } = state;
  const networks = Object.entries(profile.pipelines.byNetwork) as [PipeNetwork, { lengthKm: number; segments: number }][];
  networks.sort(([, a], [, b]) => b.lengthKm - a.lengthKm);
  const longest = networks[0]?.[1].lengthKm ?? 1;
  const networkBars: Bar[] = networks.map(([network, entry]) => ({
    key: network,
    label: t(`attributes.values.network.${network}`, { defaultValue: network }),
    value: `${f.decimal(entry.lengthKm)} ${t('modes.units.km')}`,
    share: entry.lengthKm / longest,
    colour: PIPE_NETWORK_COLOURS[network],
  }));
  const kinds = SENSOR_ORDER.filter((kind) => (profile.sensors.byKind[kind] ?? 0) > 0);
  return (
    <>
      <Panel title={t('modes.wall.pipelines')} testId="wall-pipelines">
        <div className="wall-kpis wall-kpis--two">
          <Kpi label={t('modes.wall.pipeLength')} value={f.decimal(profile.pipelines.lengthKm)} unit={t('modes.units.km')} testId="wall-pipe-length" />
          <Kpi label={t('modes.wall.tunnel')} value={f.decimal(profile.pipelines.utilityTunnelKm)} unit={t('modes.units.km')} />
          <Kpi label={t('modes.wall.valves')} value={f.integer(profile.pipelines.valves)} />
          <Kpi label={t('modes.wall.manholes')} value={f.integer(profile.pipelines.manholes)} />
        </div>
        <BarList bars={networkBars} testId="wall-networks" />
      </Panel>
      <Panel title={t('modes.wall.sensors', { count: profile.sensors.count })} testId="wall-sensors">
        <ul className="wall-grid">
          {kinds.map((kind) => (
            <li className="wall-grid__item" key={kind}>
              <span className="wall-grid__label">{t(`modes.sensorKinds.${kind}`)}</span>
              <span className="wall-grid__value">{f.integer(profile.sensors.byKind[kind] ?? 0)}</span>
            </li>
          ))}
        </ul>
      </Panel>
    </>
  );
}
