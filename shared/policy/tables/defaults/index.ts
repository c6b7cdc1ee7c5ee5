import type { PolicyTable } from '../schema';
import { DEFAULT_BENEFIT_TABLES } from './benefits';
import { DEFAULT_CLAIM_TABLES } from './claims';
import { DEFAULT_ENROLLMENT_TABLES } from './enrollment';

export { SAMPLE_REGION_CODE, SAMPLE_REGION_NAME } from './sample';

/**
 * The default policy tables: the SAMPLE region (999999, 示例地区) built from the seed figures, with
 * assumptions marked in each table's `provenance`. Several kinds have two effective-dated versions
 * (contribution 2020/2021/2025, waiting period 2020/2025, inpatient and outpatient before/after 2023-05-01).
 */
export const DEFAULT_POLICY_TABLES: readonly PolicyTable[] = [...DEFAULT_ENROLLMENT_TABLES, ...DEFAULT_CLAIM_TABLES, ...DEFAULT_BENEFIT_TABLES];
