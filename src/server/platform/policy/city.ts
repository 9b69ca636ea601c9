/**
 * The city's own enterprises as one SQL condition (issue 11): registered in Wuhan (region code 4201…),
 * holding a unit in one of its parks, or with no region recorded. The others are the chains'
 * outside-city target pool (data/demo/target-pool.json), which statistics, evaluation, tiers and the
 * pipeline leave out and the registry shows only when asked (`?inCity=false|all`).
 */

/** The city's region-code prefix (武汉市 420100). */
export const CITY_REGION_PREFIX = '4201';

/** SQL condition: enterprise alias `e` is one of the city's own firms. */
export const inCity = (e = 'e') =>
  `(${e}.region_code is null or ${e}.region_code like '${CITY_REGION_PREFIX}%'
    or exists (select 1 from occupancies o where o.enterprise_id = ${e}.id))`;
