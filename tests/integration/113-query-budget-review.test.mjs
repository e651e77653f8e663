// Issue 10: the query budget of the review chain's pages as the demo
// reviewers reach them: their queue and its filters, one application's
// page and its PDF for every kind, state and stage they see.  At most 3
// statements each (the session included), nothing written on a GET
// (review-budget.mjs; the offices are 118's and 119's).

import { reviewBudget } from './review-budget.mjs';

reviewBudget([
	['board', '398721', false],		// program director (stage 1)
	['board', '398101', false],		// 内科 society (domain:01)
	['board', '398102', false],		// 小児科 society (empty queue)
	['medassoc', '1300456', false],		// association reviewers by assoc
	['medassoc', '2700456', false],
	['medassoc', '1300790', false],
]);
