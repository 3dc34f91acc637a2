/** The view builder: policy applied to stored analysis. See build.ts (pure) and chart-views.ts (service). */
export { ChartViews, NO_GRANTS, type GrantSource, type Viewer, type ResolvedSection, type RequestTarget, type ExpandedChartView } from './chart-views';
export { buildChartView, buildDocumentView } from './build';
export { decide, sectionAllowed } from './decide';
export { renderRange, generalize, modeOf } from './render';
export { HandleTable } from './handles';
export { ChartReader } from './chart-reader';
export type * from './types';
