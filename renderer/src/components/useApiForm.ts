import { useForm } from '@mantine/form';
import { type SyntheticEvent, useState } from 'react';
import { contract, type Method, type MethodInput, type MethodOutput } from '../../../shared/api/contract.ts';
import { useApiMutation } from '../api/useApiQuery.ts';
import { useErrorText, useSchemaIssueText } from '../i18n/errors.ts';

// @mantine/form's own declaration of this type does not resolve under `nodenext`; it is what useForm returns.
type FormOf<Values extends Record<string, unknown>> = ReturnType<typeof useForm<Values>>;

interface ApiFormOptions<M extends Method, Values> {
  initialValues: Values;
  /** The API input the values stand for: trimmed, empty fields as null, nested as the contract wants. */
  toInput: (values: Values) => MethodInput<M>;
  /** API paths that name a form field differently, e.g. `{ 'phones.0.value': 'phone' }`. */
  fieldOf?: Partial<Record<string, keyof Values & string>>;
  /** Rules of the form itself that the contract cannot know (a text that must read as a duration). */
  check?: (values: Values) => Partial<Record<keyof Values & string, string>>;
  onSuccess?: (output: MethodOutput<M>, input: MethodInput<M>) => void;
  /** For a form in a dialog: `close` resets the form and calls it, and a success closes the dialog. */
  onClose?: () => void;
}

/** A form for one API method, checked in the form with that method's own contract schema. */
export interface ApiForm<M extends Method, Values extends Record<string, unknown>> {
  form: FormOf<Values>;
  /** What went wrong for the whole form (the server unreachable, a conflict), in the user's language. */
  formError: string | null;
  saving: boolean;
  /** Checks, then sends; for `<form onSubmit>` or to call from a shortcut. */
  submit: (event?: SyntheticEvent) => void;
  /** Back to the initial values, with no errors. */
  reset: () => void;
  /** Resets the form and closes its dialog (`onClose`). */
  close: () => void;
  /** The method's answer once it succeeded. */
  saved: MethodOutput<M> | undefined;
}

/**
 * A Mantine form whose values are checked by the same zod schema the backend checks (contract[method].input,
 * from shared/domain), with each refusal beside its field in the user's language; it then sends the
 * input and puts what the backend refused beside the same fields.
 */
export function useApiForm<M extends Method, Values extends Record<string, unknown>>(
  method: M,
  { initialValues, toInput, fieldOf = {}, check, onSuccess, onClose }: ApiFormOptions<M, Values>,
): ApiForm<M, Values> {
  const issueText = useSchemaIssueText();
  const errorText = useErrorText();
  const [formError, setFormError] = useState<string | null>(null);
  // A field of parts (an address) is checked part by part: `address.city` is a field of its own.
  const fields = new Set(
    Object.entries(initialValues).flatMap(([name, value]) =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? [name, ...Object.keys(value).map((part) => `${name}.${part}`)]
        : [name],
    ),
  );
  // Issues of fields the form does not show go to the whole form, so none is ever silently dropped.
  const place = (byPath: Record<string, string>) => {
    const errors: Record<string, string> = {};
    const rest: string[] = [];
    for (const [path, message] of Object.entries(byPath)) {
      const field = fieldOf[path] ?? path;
      if (fields.has(field)) errors[field] ??= message;
      else rest.push(message);
    }
    return { errors, rest: rest.length > 0 ? rest.join(' ') : null };
  };
  const form = useForm<Values>({ mode: 'controlled', initialValues });
  /** The refusals of the contract's schema and of the form's own rules; true when there are none. */
  const validate = (values: Values): boolean => {
    const parsed = contract[method].input.safeParse(toInput(values));
    const { errors, rest } = place(parsed.success ? {} : issueText(parsed.error.issues));
    const own = Object.entries(check?.(values) ?? {}).filter(([, message]) => Boolean(message));
    const all = { ...errors, ...Object.fromEntries(own) };
    form.setErrors(all);
    setFormError(rest);
    return Object.keys(all).length === 0 && rest === null;
  };
  const reset = () => {
    form.reset();
    setFormError(null);
    mutation.reset();
  };
  const close = () => {
    reset();
    onClose?.();
  };
  const mutation = useApiMutation(method, {
    onSuccess: (output, input) => {
      onSuccess?.(output, input);
      if (onClose) close();
    },
    onError: (error) => {
      const { fields: byPath, form: message } = errorText(error);
      const { errors, rest } = place(byPath);
      form.setErrors(errors);
      setFormError(message ?? rest);
    },
  });
  return {
    form,
    formError,
    saving: mutation.isPending,
    submit: (event) => {
      event?.preventDefault();
      if (mutation.isPending) return;
      const values = form.getValues();
      if (validate(values)) mutation.mutate(toInput(values));
    },
    reset,
    close,
    saved: mutation.data,
  };
}
