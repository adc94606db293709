/**
 * The instant the machine rooms' rules read as "now" (work-order steps and SLA clocks, inspection
 * due times, scorecards); tests replace `now` instead of sleeping.
 */
export const workOrderClock = { now: (): Date => new Date() };
