import type { LifecycleStage } from '../../../../shared/domain/client.ts';

/** The colour of each lifecycle stage, wherever a stage is shown. */
export const stageColors: Record<LifecycleStage, string> = {
  prospect: 'gray',
  lead: 'cyan',
  active: 'teal',
  loyal: 'violet',
  lapsed: 'orange',
  lost: 'red',
};
