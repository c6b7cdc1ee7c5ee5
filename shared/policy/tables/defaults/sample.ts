import type { LocalizedText } from '../../../text';
import type { Provenance } from '../schema';

/**
 * The default tables belong to a clearly marked SAMPLE region: their figures are those of the public
 * documents in `seeds/` (Weihai city and a county-level city under it, Jingzhou) where the documents give
 * them, and sensible assumptions (marked `assumed: true`) where they do not. Real deployments load their
 * own region's tables from the central system.
 */
export const SAMPLE_REGION_CODE = '999999';
export const SAMPLE_REGION_NAME: LocalizedText = { 'zh-CN': '示例地区（样例数据）', en: 'Sample region (SAMPLE data)' };

/** The seed documents, cited by the tables' `source` and provenance notes. */
export const SEED = {
  countyQa2020: '县级市医疗保障局在线访谈（2020-12-17，威海市所辖）',
  weihaiPlan2021: '威海市医疗保障事业发展“十四五”规划（2021-10-29）',
  weihaiReform2021: '威海市关于深化医疗保障制度改革的实施意见（征求意见稿，2021-09-18）',
  jingzhouPlan2022: '荆州市医疗保障事业发展“十四五”规划（2022-06-15）',
  weihaiPrimary2023: '威海市关于提升基层医疗卫生机构医疗保障服务水平的通知（征求意见稿，2023）',
  national2024: '国务院办公厅关于健全基本医疗保险参保长效机制的指导意见（国办发〔2024〕38号）',
  ltcStandard2021: '长期护理失能等级评估标准（试行）（国家医保局、民政部，2021；默认阈值与组合矩阵须由部署地医保局对照官方附件核定）',
} as const;

export const SAMPLE_COMMON = {
  regionCode: SAMPLE_REGION_CODE,
  regionName: SAMPLE_REGION_NAME,
  sample: true,
} as const;

export function seed(path: string, note: string): Provenance {
  return { path, assumed: false, note };
}

export function assumed(path: string, note: string): Provenance {
  return { path, assumed: true, note };
}
