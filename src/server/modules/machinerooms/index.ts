// The machine-rooms module's surface: the information-point requests a unit makes as documents
// (workflow's point_request type checks and executes them through these). Otherwise it is reached
// through its routes, its demo seed and its bench command.
export { applyPointRequest, checkPointRequest, type PointAction, type PointRequestLine } from './point.service.ts';
