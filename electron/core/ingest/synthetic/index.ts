/** The synthetic chart generator (`ntk demo`, the first-run demo, the project's tests). */
export { writeDemo, DEMO_SOURCE, type DemoCanary, type DemoOptions, type DemoPatientInfo, type DemoResult } from './write-demo';
