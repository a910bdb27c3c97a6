/**
 * Mapping a file's columns to Rapport's fields and reading its values (issue 14, point 3): pure, with no
 * database; the import engine calls it with the rows db/import reads.
 */
export { autoMap, guessImportType } from './auto-map.ts';
export { CheckedImportMapping, checkMapping, type MappingIssue } from './check-mapping.ts';
export { mapRow, type MapRowOptions } from './map-row.ts';
export { joinName, splitPersonName, type NameParts } from './person-name.ts';
export { readChoice, readFlag, readOutcome } from './read-choice.ts';
export { readEmail, readLabel, readPhone, splitContactPoints } from './read-contact-points.ts';
export { type DetectedDateFormat, detectDateFormat, readDay, readMoment } from './read-date.ts';
export { readCurrency, readMoney } from './read-money.ts';
export { type DetectedNumberFormat, detectNumberFormat, readNumber } from './read-number.ts';
export type { Reading } from './reading.ts';
export { mappingFingerprint, mappingForHeader } from './saved-mapping.ts';
export { type ImportTarget, type TargetEntity, type TargetKind, importTargets, targetOf } from './targets.ts';
