import type { Answer } from '@palermo/contracts';

/** The kinds of value an answer can hold, and how the form edits it. */
export type AnswerKind = 'codes' | 'code' | 'date' | 'number' | 'boolean' | 'text' | 'longText' | 'country';
export type AnswerState = '' | 'known' | 'unknown' | 'declined';

/** An answer being edited: the state chosen and the value typed (one string, or the codes ticked). */
export interface AnswerDraft {
  state: AnswerState;
  value: string;
  values: string[];
}

export const emptyDraft: AnswerDraft = { state: '', value: '', values: [] };

export function draftOf(answer: Answer<unknown> | undefined): AnswerDraft {
  if (!answer) return emptyDraft;
  if (answer.state !== 'known') return { ...emptyDraft, state: answer.state };
  const value = answer.value;
  if (Array.isArray(value)) return { state: 'known', value: '', values: value.map(String) };
  return { state: 'known', value: String(value), values: [] };
}

/** The answer to send, or undefined when nothing was recorded (a known answer left empty records nothing). */
export function answerOf(kind: AnswerKind, draft: AnswerDraft): Answer<unknown> | undefined {
  if (draft.state === 'unknown' || draft.state === 'declined') return { state: draft.state };
  if (kind === 'codes') return draft.values.length > 0 ? { state: 'known', value: draft.values } : undefined;
  const text = draft.value.trim();
  if (text === '') return undefined;
  if (kind === 'number') return { state: 'known', value: Number(text) };
  if (kind === 'boolean') return { state: 'known', value: text === 'true' };
  return { state: 'known', value: kind === 'longText' ? draft.value : text };
}

/** Puts the answers of `fields` into a request body (absent when not recorded). */
export function answersOf(fields: Record<string, AnswerKind>, drafts: Record<string, AnswerDraft>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(fields)) {
    const answer = answerOf(kind, drafts[name] ?? emptyDraft);
    if (answer !== undefined) out[name] = answer;
  }
  return out;
}

export function draftsOf(fields: Record<string, AnswerKind>, value: Record<string, unknown> | undefined): Record<string, AnswerDraft> {
  return Object.fromEntries(Object.keys(fields).map((name) => [name, draftOf(value?.[name] as Answer<unknown> | undefined)]));
}
