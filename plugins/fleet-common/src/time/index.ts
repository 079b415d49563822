export * from './isoDuration';
export * from './units';
