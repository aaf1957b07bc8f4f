/**
 * SLB regions, their localized names and endpoints.
 * Endpoint rule (reference §4): the legacy regions answer on the central `slb.aliyuncs.com`,
 * every other region on `slb.<RegionId>.aliyuncs.com`.
 */

export interface RegionInfo {
  regionId: string;
  names: { 'en-US': string; 'zh-CN': string; ja: string };
}

export const CENTRAL_SLB_REGIONS: ReadonlySet<string> = new Set([
  'cn-hangzhou',
  'cn-shanghai',
  'cn-qingdao',
  'cn-beijing',
  'cn-shenzhen',
  'cn-hongkong',
  'ap-southeast-1',
  'us-west-1',
  'us-east-1',
]);

const r = (regionId: string, en: string, zh: string, ja: string): RegionInfo => ({ regionId, names: { 'en-US': en, 'zh-CN': zh, ja } });

export const REGIONS: readonly RegionInfo[] = [
  r('cn-qingdao', 'China (Qingdao)', '华北1（青岛）', '中国 (青島)'),
  r('cn-beijing', 'China (Beijing)', '华北2（北京）', '中国 (北京)'),
  r('cn-zhangjiakou', 'China (Zhangjiakou)', '华北3（张家口）', '中国 (張家口)'),
  r('cn-huhehaote', 'China (Hohhot)', '华北5（呼和浩特）', '中国 (フフホト)'),
  r('cn-wulanchabu', 'China (Ulanqab)', '华北6（乌兰察布）', '中国 (ウランチャブ)'),
  r('cn-hangzhou', 'China (Hangzhou)', '华东1（杭州）', '中国 (杭州)'),
  r('cn-shanghai', 'China (Shanghai)', '华东2（上海）', '中国 (上海)'),
  r('cn-nanjing', 'China (Nanjing - Local Region)', '华东5（南京-本地地域）', '中国 (南京 - ローカルリージョン)'),
  r('cn-fuzhou', 'China (Fuzhou - Local Region)', '华东6（福州-本地地域）', '中国 (福州 - ローカルリージョン)'),
  r('cn-shenzhen', 'China (Shenzhen)', '华南1（深圳）', '中国 (深セン)'),
  r('cn-heyuan', 'China (Heyuan)', '华南2（河源）', '中国 (河源)'),
  r('cn-guangzhou', 'China (Guangzhou)', '华南3（广州）', '中国 (広州)'),
  r('cn-chengdu', 'China (Chengdu)', '西南1（成都）', '中国 (成都)'),
  r('cn-hongkong', 'China (Hong Kong)', '中国香港', '中国 (香港)'),
  r('ap-northeast-1', 'Japan (Tokyo)', '日本（东京）', '日本 (東京)'),
  r('ap-northeast-2', 'South Korea (Seoul)', '韩国（首尔）', '韓国 (ソウル)'),
  r('ap-southeast-1', 'Singapore', '新加坡', 'シンガポール'),
  r('ap-southeast-3', 'Malaysia (Kuala Lumpur)', '马来西亚（吉隆坡）', 'マレーシア (クアラルンプール)'),
  r('ap-southeast-5', 'Indonesia (Jakarta)', '印度尼西亚（雅加达）', 'インドネシア (ジャカルタ)'),
  r('ap-southeast-6', 'Philippines (Manila)', '菲律宾（马尼拉）', 'フィリピン (マニラ)'),
  r('ap-southeast-7', 'Thailand (Bangkok)', '泰国（曼谷）', 'タイ (バンコク)'),
  r('us-east-1', 'US (Virginia)', '美国（弗吉尼亚）', '米国 (バージニア)'),
  r('us-west-1', 'US (Silicon Valley)', '美国（硅谷）', '米国 (シリコンバレー)'),
  r('eu-west-1', 'UK (London)', '英国（伦敦）', 'イギリス (ロンドン)'),
  r('eu-central-1', 'Germany (Frankfurt)', '德国（法兰克福）', 'ドイツ (フランクフルト)'),
  r('me-east-1', 'UAE (Dubai)', '阿联酋（迪拜）', 'UAE (ドバイ)'),
  r('me-central-1', 'SAU (Riyadh - Partner Region)', '沙特（利雅得）', 'サウジアラビア (リヤド)'),
];

export const REGION_IDS: ReadonlySet<string> = new Set(REGIONS.map((x) => x.regionId));

export function slbEndpoint(regionId: string): string {
  return CENTRAL_SLB_REGIONS.has(regionId) ? 'slb.aliyuncs.com' : `slb.${regionId}.aliyuncs.com`;
}
