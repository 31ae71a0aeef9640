import type { LocalizedName } from '@pengcheng/protocol';
import type { Random } from './createRandom.js';

/** A name with both its forms. */
export type FullName = Required<LocalizedName>;

/** Invented names in the local style, each handed out once. */
export interface NameBook {
  /** A residential compound (小区). */
  compound(): FullName;
  /** An office building (大厦). */
  office(): FullName;
  /** The next school of the district's list. */
  school(): FullName;
}

const COMPOUND_PREFIXES: readonly (readonly [string, string])[] = [
  ['翠湖', 'Cuihu'], ['锦绣', 'Jinxiu'], ['紫金', 'Zijin'], ['汉韵', 'Hanyun'], ['云龙', 'Yunlong'],
  ['御景', 'Yujing'], ['金域', 'Jinyu'], ['枫林', 'Fenglin'], ['桂园', 'Guiyuan'], ['兰亭', 'Lanting'],
  ['荷塘', 'Hetang'], ['柳岸', "Liu'an"], ['星河', 'Xinghe'], ['银杏', 'Yinxing'], ['香樟', 'Xiangzhang'],
  ['春江', 'Chunjiang'], ['晴川', 'Qingchuan'], ['明珠', 'Mingzhu'], ['恒泰', 'Hengtai'], ['嘉和', 'Jiahe'],
  ['滨湖', 'Binhu'], ['楚韵', 'Chuyun'], ['汉风', 'Hanfeng'], ['书香', 'Shuxiang'], ['铂悦', 'Boyue'],
  ['天玺', 'Tianxi'], ['凤凰', 'Fenghuang'], ['紫薇', 'Ziwei'], ['丽景', 'Lijing'], ['玉兰', 'Yulan'],
  ['澜庭', 'Lanting'], ['泰和', 'Taihe'], ['华庭', 'Huating'], ['清水', 'Qingshui'], ['万福', 'Wanfu'],
  ['彭祖', 'Pengzu'], ['九里', 'Jiuli'], ['龙湖', 'Longhu'], ['新元', 'Xinyuan'], ['怡景', 'Yijing'],
];

const COMPOUND_SUFFIXES: readonly (readonly [string, string])[] = [
  ['花园', 'Garden'], ['名苑', 'Court'], ['家园', 'Homes'], ['华府', 'Mansion'], ['雅居', 'Residence'],
  ['新村', 'New Village'], ['公馆', 'Manor'], ['嘉园', 'Jiayuan'], ['湾', 'Bay'],
];

const OFFICES: readonly (readonly [string, string])[] = [
  ['淮海金融中心', 'Huaihai Financial Centre'], ['彭城国际商务中心', 'Pengcheng International Business Centre'],
  ['新城科技大厦', 'Xincheng Technology Tower'], ['汇金大厦', 'Huijin Tower'], ['能源大厦', 'Energy Tower'],
  ['建设大厦', 'Construction Tower'], ['电力调度大厦', 'Power Dispatch Tower'], ['广电大厦', 'Broadcasting Tower'],
  ['环球中心', 'Global Centre'], ['中央商务广场', 'Central Business Plaza'], ['信息产业大厦', 'Information Industry Tower'],
  ['淮海数据大厦', 'Huaihai Data Tower'], ['云龙大厦', 'Yunlong Tower'], ['汉源大厦', 'Hanyuan Tower'],
  ['龙湖国际中心', 'Longhu International Centre'], ['凤凰大厦', 'Phoenix Tower'], ['金融港', 'Finance Harbour'],
  ['税务大厦', 'Taxation Tower'], ['交通大厦', 'Transport Tower'], ['水务大厦', 'Water Affairs Tower'],
  ['国投大厦', 'State Investment Tower'], ['新城商务中心', 'Xincheng Business Centre'], ['楚汉国际', 'Chuhan International'],
  ['东方大厦', 'Dongfang Tower'], ['城建大厦', 'Urban Construction Tower'], ['商会大厦', 'Chamber of Commerce Tower'],
  ['科创中心', 'Innovation Centre'], ['汉韵大厦', 'Hanyun Tower'], ['工投大厦', 'Industrial Investment Tower'],
  ['文旅大厦', 'Culture and Tourism Tower'], ['人才大厦', 'Talent Tower'], ['总部大厦', 'Headquarters Tower'],
  ['淮海国际港务大厦', 'Huaihai International Logistics Tower'], ['工程机械大厦', 'Construction Machinery Tower'],
  ['装备制造大厦', 'Equipment Manufacturing Tower'], ['新能源大厦', 'New Energy Tower'], ['汉文化大厦', 'Han Culture Tower'],
  ['彭城金谷', 'Pengcheng Golden Valley'], ['楚汉之都大厦', 'Chuhan Capital Tower'], ['云端中心', 'Cloud Centre'],
  ['淮海智谷', 'Huaihai Intelligence Valley'], ['开发区大厦', 'Development Zone Tower'], ['投资大厦', 'Investment Tower'],
  ['智慧城市大厦', 'Smart City Tower'], ['数字经济大厦', 'Digital Economy Tower'], ['大数据中心', 'Big Data Centre'],
];

const SCHOOLS: readonly (readonly [string, string])[] = [
  ['徐州市第一中学新城校区', 'Xuzhou No. 1 High School, Xincheng Campus'],
  ['徐州市新城实验小学', 'Xincheng Experimental Primary School'],
  ['徐州市新城区第二中学', 'Xincheng District No. 2 Middle School'],
  ['汉源路小学', 'Hanyuan Road Primary School'],
  ['大龙湖小学', 'Dalonghu Primary School'],
  ['徐州市新城外国语学校', 'Xincheng Foreign Languages School'],
  ['徐州市新城区第三中学', 'Xincheng District No. 3 Middle School'],
  ['紫金路小学', 'Zijin Road Primary School'],
];

export function createNameBook(random: Random): NameBook {
  const usedCompounds = new Set<string>();
  const offices = [...OFFICES];
  let officeRound = 0;
  let schoolIndex = 0;
  return {
    compound() {
      if (usedCompounds.size >= COMPOUND_PREFIXES.length * COMPOUND_SUFFIXES.length) throw new Error('out of compound names');
      for (;;) {
        const [pz, pe] = random.pick(COMPOUND_PREFIXES);
        const [sz, se] = random.pick(COMPOUND_SUFFIXES);
        const zh = pz + sz;
        if (usedCompounds.has(zh)) continue;
        usedCompounds.add(zh);
        return { zh, en: `${pe} ${se}` };
      }
    },
    office() {
      if (offices.length === 0) {
        offices.push(...OFFICES);
        officeRound++;
      }
      const [zh, en] = offices.splice(random.int(0, offices.length - 1), 1)[0] as readonly [string, string];
      // A name used up comes back as a later phase, as developers do.
      return officeRound === 0 ? { zh, en } : { zh: `${zh}${officeRound + 1}期`, en: `${en} Phase ${officeRound + 1}` };
    },
    school() {
      const entry = SCHOOLS[schoolIndex % SCHOOLS.length] as readonly [string, string];
      const campus = Math.floor(schoolIndex / SCHOOLS.length);
      schoolIndex++;
      return campus === 0 ? { zh: entry[0], en: entry[1] } : { zh: `${entry[0]}${campus + 1}部`, en: `${entry[1]}, Branch ${campus + 1}` };
    },
  };
}
