export * from './isoDuration';
export * from './units';
export * from './durationWords';
