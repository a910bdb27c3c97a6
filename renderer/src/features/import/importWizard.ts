import { useMemo } from 'react';
import type { z } from 'zod';
import type { ApiClient } from '../../../../shared/api/client.ts';
import type { MethodInput, MethodOutput } from '../../../../shared/api/contract.ts';
import type { EventPayload } from '../../../../shared/api/events.ts';
import type {
  ImportMapping,
  ImportType,
  MatchKey,
  OnMatch,
  SourceOverrides,
} from '../../../../shared/domain/transfer.ts';
import { uuidv7 } from '../../../../shared/ids.ts';
import { useApi } from '../../api/ApiProvider.tsx';
import { createStore } from '../../components/createStore.ts';
import { hrefOf, navigateTo } from '../../router/router.ts';
import { withColumn } from './mappingPreview.ts';
import { uploadFile } from './uploadFile.ts';

export type ImportReport = MethodOutput<'imports.run'>;
export type InspectResult = MethodOutput<'imports.inspect'>;
export type Mapping = z.infer<typeof ImportMapping>;
export type Overrides = z.infer<typeof SourceOverrides>;
export type ImportKind = z.infer<typeof ImportType>;
export type MatchBy = z.infer<typeof MatchKey>;
export type WhenMatched = z.infer<typeof OnMatch>;
export type JobProgress = EventPayload<'job.progress'>;

/** The steps of the wizard, in order. */
export const wizardSteps = ['file', 'columns', 'matching', 'check', 'import'] as const;
export type WizardStep = (typeof wizardSteps)[number] | 'done';

/** A dry run or an import: running (with its last progress), finished with its report, or failed. */
export interface JobState {
  status: 'idle' | 'running' | 'done' | 'failed';
  jobId: string | null;
  progress: JobProgress | null;
  report: ImportReport | null;
  error: unknown;
}

export interface ImportWizardState {
  step: WizardStep;
  /** The file being sent to the backend, while it is. */
  upload: { name: string; size: number; sent: number; error: unknown } | null;
  /** The uploaded file. */
  file: { fileId: string; name: string; size: number } | null;
  /** What the user changed about how the file is read (encoding, delimiter, header row, sheet). */
  overrides: Overrides;
  /** What the file holds, when the user chose it; else the backend's guess. */
  type: ImportKind | null;
  /** The mapping as the user edits it; null until the backend proposed one. */
  mapping: Mapping | null;
  /**
   * What the backend read in the file with these settings: the last answer is kept while the next one
   * is on its way, and when reading fails (another encoding refused), so the choices stay on screen.
   */
  inspect: { pending: boolean; result: InspectResult | null; error: unknown };
  match: MatchBy[];
  onMatch: WhenMatched;
  check: JobState;
  run: JobState;
  /** The finished import was taken back. */
  undone: boolean;
}

const idleJob: JobState = { status: 'idle', jobId: null, progress: null, report: null, error: null };

const initialState: ImportWizardState = {
  step: 'file',
  upload: null,
  file: null,
  overrides: {},
  type: null,
  mapping: null,
  inspect: { pending: false, result: null, error: null },
  match: ['externalId', 'email', 'phone', 'name'],
  onMatch: 'skip',
  check: idleJob,
  run: idleJob,
  undone: false,
};

/**
 * The one import wizard of the app, outside React: the user may leave it for another screen while the
 * file uploads or the import runs, and finds it as it was (or finished) when coming back.
 */
export const importWizardStore = createStore<ImportWizardState>(initialState);

function patch(next: Partial<ImportWizardState>): void {
  importWizardStore.set({ ...importWizardStore.get(), ...next });
}

function patchJob(which: 'check' | 'run', jobId: string, next: Partial<JobState>): void {
  const state = importWizardStore.get();
  // A job the user has since replaced (edited the mapping, started over) reports into nothing.
  if (state[which].jobId !== jobId) return;
  patch({ [which]: { ...state[which], ...next } });
}

let uploading: AbortController | null = null;
/** Counts inspections, so an answer overtaken by a later question is dropped. */
let inspections = 0;

/** The input of a dry run, an import or the rejected-rows file, from what the user confirmed. */
export function runInput(state: ImportWizardState): MethodInput<'imports.run'> | null {
  if (!state.file || !state.mapping) return null;
  return {
    fileId: state.file.fileId,
    overrides: state.overrides,
    mapping: state.mapping,
    match: state.match,
    onMatch: state.onMatch,
  };
}

/** Opens the wizard: as it was when a file is on its way in, afresh when the last import finished. */
export function openImportWizard(): void {
  const { step } = importWizardStore.get();
  if (step === 'done') importWizardStore.set(initialState);
  navigateTo(hrefOf('import'));
}

/** The wizard's state and what the user can do in it, over the app's API client. */
export function useImportWizard() {
  const api = useApi();
  const state = importWizardStore.use();
  const actions = useMemo(() => wizardActions(api), [api]);
  return { state, ...actions };
}

function wizardActions(api: ApiClient) {
  /** Drops the dry run's answer when what it checked changed, stopping it if it still runs. */
  const forgetCheck = (): Partial<ImportWizardState> => {
    const { check } = importWizardStore.get();
    if (check.status === 'running' && check.jobId) void cancelJob(api, check.jobId);
    return { check: idleJob };
  };

  /** Reads the file again with the current settings: the columns, their mapping and the first rows. */
  const inspect = async () => {
    const { file, overrides, type, mapping, inspect: last } = importWizardStore.get();
    if (!file) return;
    const asked = ++inspections;
    patch({ inspect: { ...last, pending: true } });
    try {
      const result = await api.call('imports.inspect', {
        fileId: file.fileId,
        overrides,
        ...(type ? { type } : {}),
        ...(mapping ? { mapping } : {}),
      });
      if (asked !== inspections) return;
      // The mapping the backend proposed (automatic, or saved for these columns) becomes the one to edit.
      patch({
        inspect: { pending: false, result, error: null },
        ...(importWizardStore.get().mapping === null ? { mapping: result.mapping } : {}),
      });
    } catch (error) {
      if (asked === inspections)
        patch({ inspect: { ...importWizardStore.get().inspect, pending: false, error } });
    }
  };

  const runJob = async (which: 'check' | 'run') => {
    const state = importWizardStore.get();
    const input = runInput(state);
    if (!input) return;
    const jobId = uuidv7();
    patch({ [which]: { ...idleJob, status: 'running', jobId } });
    const stop = api.on('job.progress', (progress) => {
      if (progress.jobId === jobId) patchJob(which, jobId, { progress });
    });
    try {
      const report =
        which === 'check'
          ? await api.call('imports.dryRun', { ...input, jobId })
          : await api.call('imports.run', { ...input, jobId, expectedRows: state.check.report?.rows });
      patchJob(which, jobId, { status: 'done', report });
      if (which === 'run' && importWizardStore.get().run.jobId === jobId) patch({ step: 'done' });
    } catch (error) {
      patchJob(which, jobId, { status: 'failed', error });
    } finally {
      stop();
    }
  };

  return {
    /** Uploads the chosen file; when it is in, the columns step shows what was found in it. */
    chooseFile: async (file: File) => {
      uploading?.abort();
      const controller = new AbortController();
      uploading = controller;
      importWizardStore.set({
        ...initialState,
        upload: { name: file.name, size: file.size, sent: 0, error: null },
      });
      const progress = (sent: number) => {
        const { upload } = importWizardStore.get();
        if (uploading === controller && upload) patch({ upload: { ...upload, sent } });
      };
      try {
        const uploaded = await uploadFile(api, file, progress, controller.signal);
        if (uploading !== controller) return;
        patch({ upload: null, file: uploaded, step: 'columns' });
        await inspect();
      } catch (error) {
        const { upload } = importWizardStore.get();
        if (uploading === controller && upload && !controller.signal.aborted)
          patch({ upload: { ...upload, error } });
      } finally {
        if (uploading === controller) uploading = null;
      }
    },
    setOverrides: (next: Overrides) => {
      // Another encoding or header row can change the columns: the backend maps them afresh.
      patch({ overrides: next, mapping: null, ...forgetCheck() });
      void inspect();
    },
    setType: (type: ImportKind) => {
      patch({ type, mapping: null, ...forgetCheck() });
      void inspect();
    },
    /** A changed mapping: the preview shows the first rows as they will be imported with it. */
    setMapping: (mapping: Mapping) => {
      patch({ mapping, ...forgetCheck() });
      void inspect();
    },
    /** One column's mapping changed; the rest of the mapping is as the user left it. */
    setColumn: (entry: Mapping['columns'][number]) => {
      const { mapping } = importWizardStore.get();
      if (!mapping) return;
      patch({ mapping: withColumn(mapping, entry), ...forgetCheck() });
      void inspect();
    },
    /** Reads the file again (after an error the user may want to retry). */
    inspect,
    setMatch: (match: MatchBy[]) => {
      patch({ match, ...forgetCheck() });
    },
    setOnMatch: (onMatch: WhenMatched) => {
      patch({ onMatch, ...forgetCheck() });
    },
    goTo: (step: WizardStep) => {
      patch({ step });
    },
    /** Checks the whole file (the dry run) and shows what an import would do. */
    startCheck: () => runJob('check'),
    /** Imports the file as the dry run showed it. */
    startImport: async () => {
      patch({ step: 'import' });
      await runJob('run');
    },
    /** Stops the running dry run or import; the backend leaves nothing of a stopped import behind. */
    cancel: async (which: 'check' | 'run') => {
      const { jobId, status } = importWizardStore.get()[which];
      if (jobId && status === 'running') await cancelJob(api, jobId);
    },
    markUndone: () => {
      patch({ undone: true });
    },
    /** Forgets the file and everything chosen for it. */
    startOver: () => {
      uploading?.abort();
      uploading = null;
      inspections++;
      const { check } = importWizardStore.get();
      if (check.status === 'running' && check.jobId) void cancelJob(api, check.jobId);
      importWizardStore.set(initialState);
    },
  };
}

async function cancelJob(api: ApiClient, jobId: string): Promise<void> {
  // Cancelling a job that just finished is not an error worth showing: its report arrives anyway.
  await api.call('imports.cancel', { jobId }).catch(() => undefined);
}
