import { districts } from '../data/districts';
import { NotFoundError } from '../data/errors';
import { getMunicipality, seedMunicipality } from '../data/municipality';
import { organisations } from '../data/organisations';
import { populationGroups } from '../data/population-groups';
import { SYSTEM_ACTOR } from '../data/audited-write';
import { seedActionPlan } from '../data/action-plan';
import { seedCandidate } from '../data/candidates';
import { seedCard } from '../data/cards';
import { seedDecisionSession } from '../data/decision-session';
import { seedMeasure } from '../data/measures';
import { seedNotes } from '../data/notes';
import { seedRound } from '../data/rounds';
import { seedSession } from '../data/sessions';
import { demoHistory } from './demo-history';
import { demoMeasures } from './demo-measures';
import { seedDemoSurvey } from './demo-surveys';
import { seedUser } from '../data/users';
import { hashPassword } from '../auth/password';
import { EmailTakenError } from '../identity/directory';
import { putLogin } from '../identity/local-store';
import {
  DEMO_DISTRICTS,
  DEMO_GROUPS,
  DEMO_MUNICIPALITY,
  DEMO_ORGANISATIONS,
  DEMO_PASSWORD,
  DEMO_USERS,
} from './demo-data';

/**
 * Seeds the demo municipality on first start only: once it exists, whatever
 * people changed (renamed, archived) is theirs and is left alone.
 */
export async function seedDemo(): Promise<'seeded' | 'present'> {
  try {
    await getMunicipality(DEMO_MUNICIPALITY.id);
    return 'present';
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
  }
  const at = new Date().toISOString();
  const m = DEMO_MUNICIPALITY.id;
  // Every demo login has the same password, so one scrypt hash (128 MiB, the slow part) serves them all.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Registries, users and the rounds touch different items (each round its own counters), so
  // they are written side by side; the municipality last: an interrupted seed is retried in full next start.
  await Promise.all([
    ...DEMO_DISTRICTS.map((d) => districts.seed(m, d.id, d.input, at)),
    ...DEMO_GROUPS.map((g) => populationGroups.seed(m, g.id, g.input, at)),
    ...DEMO_ORGANISATIONS.map((o) => organisations.seed(m, o.id, o.input, at)),
    ...DEMO_USERS.map((u) => seedDemoUser(m, u.id, u.input, passwordHash, at)),
    ...demoHistory().map((data, index) => seedDemoRound(m, index, data)),
  ]);
  const { id: _id, ...settings } = DEMO_MUNICIPALITY;
  await seedMunicipality(m, settings, at);
  return 'seeded';
}

/** One demo round with everything in it, in the order the items refer to each other. */
async function seedDemoRound(m: string, index: number, data: ReturnType<typeof demoHistory>[number]): Promise<void> {
  const { round, sessions, notes, cards, decisionSession, candidates, actionPlan } = data;
  await seedRound(m, round);
  await Promise.all(sessions.map((s) => seedSession(m, s)));
  await Promise.all(notes.map((n) => seedNotes(m, n, round.createdAt)));
  await Promise.all(cards.map((c) => seedCard(m, c)));
  await seedDecisionSession(m, decisionSession, round.createdAt);
  await Promise.all(candidates.map((c) => seedCandidate(m, c)));
  await seedActionPlan(m, actionPlan, round.createdAt);
  await Promise.all(demoMeasures(data).map(({ measure, candidate }) => seedMeasure(m, measure, candidate)));
  await seedDemoSurvey(m, index, round, candidates);
}

/** A demo user: the local issuer's login (the password hashed with scrypt like any other) and the profile. */
async function seedDemoUser(
  municipalityId: string,
  id: string,
  input: (typeof DEMO_USERS)[number]['input'],
  passwordHash: string,
  at: string,
) {
  try {
    await putLogin({
      email: input.email,
      userId: id,
      municipalityId,
      passwordHash,
      mustChangePassword: false,
      disabled: false,
      createdAt: at,
    });
  } catch (err) {
    if (!(err instanceof EmailTakenError)) throw err;
  }
  await seedUser(municipalityId, id, input, SYSTEM_ACTOR);
}
