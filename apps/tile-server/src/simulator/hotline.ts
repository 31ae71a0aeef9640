import type { CreateIncidentRequest, IncidentCategory, IncidentSeverity } from '@pengcheng/protocol';
import { localTime } from './localTime.js';
import { distanceM, type LonLat } from './polyline.js';
import type { HotlineCue } from './scenarios/scenarioScript.js';
import type { SimDistrict } from './simDistrict.js';
import type { SimRandom } from './simRandom.js';

/** What citizens call the 12345 hotline about on an ordinary day, `{address}` for where. */
const EVERYDAY: readonly (readonly [IncidentCategory, IncidentSeverity, string])[] = [
  ['public_facility', 'low', '{address}附近路灯不亮'],
  ['public_facility', 'medium', '{address}旁井盖松动，踩上去有响声'],
  ['public_facility', 'low', '{address}门前人行道板破损'],
  ['environment', 'low', '{address}楼下餐饮油烟扰民'],
  ['environment', 'low', '{address}旁垃圾桶满溢未及时清运'],
  ['traffic', 'low', '{address}门前车辆乱停乱放，堵塞消防通道'],
  ['traffic', 'medium', '{address}附近路口信号灯不亮'],
  ['road_subsidence', 'medium', '{address}门前路面出现坑洼'],
  ['other', 'low', '{address}附近共享单车堆放占道'],
];
const NIGHT: readonly (readonly [IncidentCategory, IncidentSeverity, string])[] = [
  ['environment', 'low', '{address}附近夜间施工噪音扰民'],
  ['public_facility', 'low', '{address}附近路灯不亮'],
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];

export interface HotlineOptions {
  readonly district: SimDistrict;
  readonly random: SimRandom;
  /** Ordinary reports per simulated hour in the daytime (8:00–22:00); a fifth of it at night. */
  readonly perHour: number;
}

/**
 * Citizen reports (城市之声) as the 12345 hotline takes them: everyday complaints at random
 * addresses in the district, and calls about whatever a running drill is doing. Callers get a
 * surname and a phone number that is plainly not real (+86 155 0000 xxxx).
 */
export class HotlineReporter {
  /** Drills somebody has already called in: the first caller rings at once, the others now and then. */
  private readonly called = new Set<string>();

  constructor(private readonly options: HotlineOptions) {}

  /** The reports citizens make in (fromMs, toMs], about everyday things and about each drill's `runId`. */
  reports(fromMs: number, toMs: number, cues: readonly (HotlineCue & { readonly runId: string })[]): CreateIncidentRequest[] {
    const { random, district, perHour } = this.options;
    const hours = (toMs - fromMs) / 3_600_000;
    const { hour } = localTime(toMs);
    const night = hour < 8 || hour >= 22;
    const out: CreateIncidentRequest[] = [];
    for (let n = random.poisson(perHour * (night ? 0.2 : 1) * hours); n > 0; n--) {
      const building = random.pick(district.buildings);
      const [category, severity, title] = random.pick(night ? NIGHT : EVERYDAY);
      out.push(this.report(category, severity, title, building.point, building.address.zh, building.id, toMs));
    }
    for (const cue of cues) {
      const first = this.called.has(cue.runId) ? 0 : 1;
      this.called.add(cue.runId);
      for (let n = first + random.poisson(cue.perHour * hours); n > 0; n--) {
        // Callers stand a little way off and describe the place by the nearest address.
        const place: LonLat = [cue.place[0] + random.normal(0.00015), cue.place[1] + random.normal(0.00012)];
        out.push(this.report(cue.category, cue.severity, cue.title, place, this.nearestAddress(place), cue.assetId, toMs));
      }
    }
    return out;
  }

  private report(category: IncidentCategory, severity: IncidentSeverity, template: string, place: LonLat, address: string, assetId: string, timeMs: number): CreateIncidentRequest {
    const { random } = this.options;
    const title = template.replace('{address}', address);
    const { hour } = localTime(timeMs);
    const clock = `${String(Math.floor(hour)).padStart(2, '0')}:${String(Math.floor((hour % 1) * 60)).padStart(2, '0')}`;
    return {
      category,
      source: 'hotline',
      severity,
      title,
      description: `市民${clock}来电反映：${title}，请尽快处理。`,
      place: { lon: Math.round(place[0] * 1e7) / 1e7, lat: Math.round(place[1] * 1e7) / 1e7, height: 0 },
      address,
      linkedSensors: [],
      linkedAssets: [assetId],
      reporter: { name: `${random.pick(SURNAMES)}${random.chance(0.5) ? '先生' : '女士'}`, phone: `+86 155 0000 ${String(random.int(0, 9999)).padStart(4, '0')}` },
    };
  }

  private nearestAddress(place: LonLat): string {
    let best = this.options.district.buildings[0];
    let bestD = Infinity;
    for (const b of this.options.district.buildings) {
      const d = distanceM(place, b.point);
      if (d < bestD) {
        best = b;
        bestD = d;
      }
    }
    return best?.address.zh ?? '政务区';
  }
}
