/**
 * The server's problems with an uploaded file (document.content.ts and document.upload.ts phrase them), each with the
 * key of its translation under documents.problems: app/errors.ts translates them wherever a form shows them.
 */
type DocumentProblem = 'empty' | 'tooLarge' | 'notAccepted' | 'nameMismatch' | 'unreadable' | 'noName' | 'oneFile';
const patterns: Array<[RegExp, DocumentProblem]> = [
  [/^is empty$/, 'empty'],
  [/^must be at most 20 MiB$/, 'tooLarge'],
  [/^must be a PDF, JPEG or PNG file/, 'notAccepted'],
  [/^is a (PDF|JPEG image|PNG image) but its name says/, 'nameMismatch'],
  [/^is not a readable (JPEG|PNG) image$/, 'unreadable'],
  [/^is not a complete PDF/, 'unreadable'],
  [/^must have a file name$/, 'noName'],
  [/^send one file at a time$/, 'oneFile'],
];

export function documentProblemOf(problem: string): DocumentProblem | undefined {
  return patterns.find(([pattern]) => pattern.test(problem))?.[1];
}
