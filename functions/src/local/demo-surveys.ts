import type { Candidate, Round } from '@sillat/shared';
import { RESPONDENT_CATEGORIES } from '@sillat/shared/survey-instrument';
import type { SurveyAnswers } from '@sillat/shared/survey-results';
import { seedSurvey } from '../data/survey';

/**
 * The feedback surveys of the two demo rounds, closed, with answers from the
 * people in the room: 2025's session changed understanding somewhat, 2026's
 * (with the new deck) more — so the trend views have something to show.
 * Deterministic like demo-history.ts.
 */
const device = (round: number, n: number) =>
  `00000000-0000-4000-9${round.toString().padStart(3, '0')}-${n.toString().padStart(12, '0')}`;

/** Park–Miller: deterministic, separate from the history's generator so either can change alone. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

const scale = (rand: () => number, mean: number) =>
  Math.min(5, Math.max(1, Math.round(mean + (rand() + rand() + rand() - 1.5) * 1.6)));

const OWN_ACTIONS = [
  'Otan kokemuskortit mukaan lautakunnan iltakouluun.',
  'Kutsun järjestöt alueen turvallisuuskävelylle.',
  'Tar upp belysningen i parken med stadsmiljösektorn.',
  'Selvitän asukastalon aukioloaikojen pidentämisen.',
  'Jag bjuder in ungdomarna till nästa planeringsmöte.',
  'Tuon nuorten kokemukset koulun vanhempainiltaan.',
];

export function demoSurveyAnswers(round: number, candidates: Candidate[], respondents: number, lift: number) {
  const rand = random(round * 7919);
  return Array.from({ length: respondents }, (_, n) => {
    const answers: SurveyAnswers = {
      category: RESPONDENT_CATEGORIES[Math.floor(rand() * 3) + (rand() < 0.5 ? 0 : Math.floor(rand() * 4))]!,
      understandingOverall: scale(rand, 3 + lift),
      understandingAttitudes: scale(rand, 3 + lift),
      understandingSafety: scale(rand, 3.3 + lift),
      understandingInteraction: scale(rand, 2.8 + lift),
      understandingParticipation: scale(rand, 2.9 + lift),
      usefulness: scale(rand, 3.6 + lift / 2),
      measures: candidates.filter(() => rand() < 0.45).map((c) => c.id),
    };
    if (rand() < 0.4) answers.ownAction = OWN_ACTIONS[Math.floor(rand() * OWN_ACTIONS.length)]!;
    if (!answers.measures?.length) delete answers.measures;
    return { deviceId: device(round, n), answers };
  });
}

export async function seedDemoSurvey(m: string, index: number, round: Round, candidates: Candidate[]): Promise<void> {
  const answers = demoSurveyAnswers(index, candidates, index === 0 ? 27 : 34, index === 0 ? 0 : 0.6);
  const options = candidates.map((c) => ({ id: c.id, title: c.title }));
  await seedSurvey(m, round.id, options, answers, round.createdAt);
}
