/** Every route the fake serves: the operations the branch and pull-request destinations call, compare, the commits (list, get one) and the artifact attestations (create, list). */
import type { Route } from '../router.ts';
import { attestationRoutes } from './attestations.ts';
import { commitRoutes } from './commits.ts';
import { compareRoutes } from './compare.ts';
import { contentRoutes } from './contents.ts';
import { gitObjectRoutes } from './git-objects.ts';
import { gitRefRoutes } from './git-refs.ts';
import { issueRoutes } from './issues.ts';
import { pullRoutes } from './pulls.ts';
import { repoRoutes } from './repos.ts';

export const routes: readonly Route[] = [
  ...repoRoutes,
  ...gitRefRoutes,
  ...gitObjectRoutes,
  ...contentRoutes,
  ...commitRoutes,
  ...compareRoutes,
  ...pullRoutes,
  ...issueRoutes,
  ...attestationRoutes
];
