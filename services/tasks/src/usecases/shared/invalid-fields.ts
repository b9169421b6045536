import { InvalidInput, type FieldProblem } from '@daybook/service-kit';

/**
 * Input that breaks several rules at once, each problem naming its field as the API does
 * (`body.tagIds.0`). The kit's InvalidInput names one field: as one, this error is still
 * a 400 naming the first; the routes answer it with every problem, as request validation
 * does (routes/index.ts).
 */
export class InvalidFields extends InvalidInput {
  constructor(readonly problems: [FieldProblem, ...FieldProblem[]]) {
    super(problems[0].field, problems[0].message);
  }

  /** Throws when there are problems. */
  static check(problems: FieldProblem[]): void {
    const [first, ...rest] = problems;
    if (first) throw new InvalidFields([first, ...rest]);
  }
}
