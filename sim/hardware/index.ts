/** The neuromorphic hardware models: platforms, placement, routing, counting, reports. */

export { buildConnectivity, type Connectivity } from './connectivity.ts';
export { HardwareCounter } from './event-counter.ts';
export { buildLayout, type MachineLayout, type SlotOrder } from './machine.ts';
export { createCounter, type MapOptions, type MappedNetwork, mapNetwork } from './map.ts';
export * from './network-shape.ts';
export * from './placement.ts';
export * from './platform.ts';
export { onPlatformClock, PlatformClock } from './platform-clock.ts';
export {
  type MapOntoOptions,
  mapOnto,
  type PlatformRun,
  type PrepareOptions,
  platformReport,
  preparePlatformRun,
  preparePlatformRuns,
  type TrueNorthRunOptions,
} from './platform-run.ts';
export { platform, platforms } from './platforms.ts';
export {
  energyCounts,
  HARDWARE_REPORT_SCHEMA_VERSION,
  type HardwareReport,
  hardwareReport,
} from './report.ts';
export {
  type DeploymentRun,
  PLATFORM_RUN_REPORT_SCHEMA_VERSION,
  type PlacementRun,
  type PlatformRunReport,
  type RunOnPlatformOptions,
  runDeployment,
  runOnPlatform,
  runSpecOnPlatform,
} from './run-on-platform.ts';
export { buildTraffic, type RelayPlan, type TrafficPlan } from './traffic.ts';
export * from './truenorth/deploy/codes.ts';
export {
  autoWeightBits,
  type DeployOptions,
  deployOnTrueNorth,
  inputLeaks,
  mapDeployment,
  type TrueNorthDeployment,
  type WeightBitsOption,
} from './truenorth/deploy/deploy.ts';
export type { DeploymentLayerReport, DeploymentReport } from './truenorth/deploy/report.ts';
export { deployObstacle, deployShape } from './truenorth/deploy/shape.ts';
export * from './truenorth/map/map.ts';
export type { TrueNorthTransformReport } from './truenorth/map/transform-report.ts';
