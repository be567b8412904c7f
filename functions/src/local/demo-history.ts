import {
  type ActionPlan,
  ASPECTS,
  type Aspect,
  type Candidate,
  type Card,
  type DecisionSession,
  type Notes,
  type Round,
  type Session,
} from '@sillat/shared';
import { DEMO_DISTRICTS, DEMO_GROUPS, DEMO_ORGANISATIONS } from './demo-data';

/**
 * Two past rounds of the demo municipality — spring 2025 (closed) and spring
 * 2026 (now in monitoring, started from 2025) — with one session per
 * population group, approved notes, aspect ratings and two experience cards
 * per session, so the views that compare rounds have real-looking data;
 * each round also has its decision-maker session (attendance), candidate
 * measures drawn from its cards and a confirmed action plan.
 * Everything is generated deterministically (fixed ids, a seeded generator),
 * so a seed is the same on every machine.
 */
const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

/** Mulberry32: tiny, deterministic, good enough for demo data. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CARD_TEXTS: Record<Aspect, Record<'positive' | 'negative', { fi: string; sv: string }>> = {
  attitudes: {
    positive: {
      fi: 'Naapurit tervehtivät nykyään kaupassa, ja lapset leikkivät yhdessä pihalla.',
      sv: 'Grannarna hälsar numera i butiken och barnen leker tillsammans på gården.',
    },
    negative: {
      fi: 'Bussissa meitä katsotaan pitkään, kun puhumme omaa kieltämme.',
      sv: 'På bussen blir vi långt iakttagna när vi talar vårt eget språk.',
    },
  },
  safety: {
    positive: {
      fi: 'Uusi valaistus puistossa tekee iltakävelystä turvallisen tuntuista.',
      sv: 'Den nya belysningen i parken gör kvällspromenaden trygg.',
    },
    negative: {
      fi: 'Ostoskeskuksen ympäristössä ei uskalla liikkua yksin pimeällä.',
      sv: 'Kring köpcentret vågar man inte röra sig ensam när det är mörkt.',
    },
  },
  interaction: {
    positive: {
      fi: 'Asukastalon kokkikerho on paikka, jossa tutustuu eri taustaisiin naapureihin.',
      sv: 'Matlagningsklubben i invånarhuset är en plats där man lär känna grannar med olika bakgrund.',
    },
    negative: {
      fi: 'Eri ryhmillä ei ole yhteisiä paikkoja, joissa tavata luontevasti.',
      sv: 'Grupperna saknar gemensamma platser där man naturligt kan träffas.',
    },
  },
  participation: {
    positive: {
      fi: 'Kaupunginosayhdistys kutsui meidät suunnittelemaan kevätjuhlaa.',
      sv: 'Stadsdelsföreningen bjöd in oss att planera vårfesten.',
    },
    negative: {
      fi: 'Kaupungin kyselyt tulevat vain suomeksi, emmekä tiedä, miten vaikuttaa.',
      sv: 'Stadens enkäter kommer bara på finska och vi vet inte hur vi kan påverka.',
    },
  },
};

const NOTE_SECTIONS: Record<'fi' | 'sv', Record<Aspect, string>> = {
  fi: {
    attitudes:
      'Osallistujat kokivat, että suhtautuminen heihin on lähiössä pääosin ystävällistä, mutta julkisissa kulkuneuvoissa ei.',
    safety: 'Iltaisin ostoskeskuksen ympäristö koetaan turvattomaksi; puiston uusi valaistus mainittiin parannuksena.',
    interaction: 'Yhteisiä kohtaamispaikkoja toivottiin lisää. Asukastalon toiminta tunnetaan huonosti.',
    participation: 'Vaikuttamisen kanavat ovat vieraita, ja tietoa saa harvoin omalla kielellä.',
  },
  sv: {
    attitudes: 'Deltagarna upplevde att bemötandet i området mestadels är vänligt, men inte i kollektivtrafiken.',
    safety: 'Kring köpcentret känns det otryggt på kvällarna; den nya belysningen i parken nämndes som en förbättring.',
    interaction: 'Fler gemensamma mötesplatser efterlystes. Verksamheten i invånarhuset är dåligt känd.',
    participation: 'Kanalerna för att påverka är främmande och information på eget språk är sällsynt.',
  },
};

/**
 * Counts per point 1–5 for `n` participants, centred on `mean` — spring
 * 2026 a little better than 2025 for the groups that measures targeted.
 */
function ratingCounts(rand: () => number, n: number, mean: number): number[] {
  const counts = [0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const value = Math.min(5, Math.max(1, Math.round(mean + (rand() + rand() + rand() - 1.5) * 2.2)));
    counts[value - 1]! += 1;
  }
  return counts;
}

export interface DemoRoundData {
  round: Round;
  sessions: Session[];
  notes: Notes[];
  cards: Card[];
  decisionSession: DecisionSession;
  candidates: Candidate[];
  actionPlan: ActionPlan;
}

/**
 * The measures each round's decision-maker session wrote down; `groups` and
 * `districts` index DEMO_GROUPS and DEMO_DISTRICTS, `inPlan` marks the ones
 * the action plan took. Spring 2025's plan targets groups 0, 2 and 4 — the
 * ones whose ratings improve in 2026.
 */
const CANDIDATE_SPECS: {
  title: string;
  description: string;
  aspects: Aspect[];
  groups: number[];
  districts: number[];
  inPlan: boolean;
}[][] = [
  [
    {
      title: 'Yhteiset iltakävelyt ostoskeskuksen ympäristössä',
      description: 'Asukkaat, poliisi ja nuorisotyö kävelevät kerran kuussa yhdessä ostoskeskuksen ja aseman välillä.',
      aspects: ['safety', 'interaction'],
      groups: [0, 2],
      districts: [0],
      inPlan: true,
    },
    {
      title: 'Asukastalon avoin kokkikerho',
      description: 'Kokkikerho avataan kaikille; järjestöt kutsuvat mukaan omia ryhmiään vuorotellen.',
      aspects: ['interaction', 'attitudes'],
      groups: [0, 4],
      districts: [0],
      inPlan: true,
    },
    {
      title: 'Kaupunginosan päätöksistä tiedotetaan monella kielellä',
      description: 'Tärkeimmät päätökset ja kyselyt julkaistaan myös ryhmien omilla kielillä.',
      aspects: ['participation'],
      groups: [2, 4],
      districts: [0, 1, 2, 3],
      inPlan: true,
    },
    {
      title: 'Asiallisen kohtelun kampanja joukkoliikenteessä',
      description: 'Kuljettajien koulutus ja julistekampanja busseissa.',
      aspects: ['attitudes'],
      groups: [1, 3, 5],
      districts: [1],
      inPlan: false,
    },
  ],
  [
    {
      title: 'Nuorten ja ikääntyneiden yhteiset iltapäivät kirjastossa',
      description: 'Kirjasto järjestää kuukausittain pelejä ja keskusteluja sukupolvien välille.',
      aspects: ['interaction', 'attitudes'],
      groups: [1, 3],
      districts: [1, 3],
      inPlan: true,
    },
    {
      title: 'Asukasraati valmistelee puiston kunnostuksen',
      description: 'Arvottu asukasraati, jossa eri ryhmät ovat edustettuina, tekee esityksen puiston käytöstä.',
      aspects: ['participation', 'safety'],
      groups: [1, 3, 5],
      districts: [3],
      inPlan: true,
    },
    {
      title: 'Vertaisohjaajat uusille asukkaille',
      description: 'Pitkään alueella asuneet opastavat uusia asukkaita palveluihin ja harrastuksiin.',
      aspects: ['interaction'],
      groups: [5],
      districts: [2],
      inPlan: false,
    },
  ],
];

/** The decision-maker session, candidate measures and action plan of round `n`, tied to its own cards. */
function demoDecision(n: number, year: number, roundId: string, cards: Card[]) {
  const at = `${year}-04-22T15:00:00.000Z`;
  const decisionSession: DecisionSession = {
    roundId,
    date: `${year}-04-22`,
    place: 'Kaupungintalon juhlasali',
    attendance: {
      electedOfficials: 7 + n,
      officials: 11,
      wellbeingServicesCounty: 3,
      police: 2,
      organisations: 6,
      facilitatorsAndClerks: 8,
      residents: 18 + 4 * n,
    },
    version: 1,
    updatedAt: at,
  };
  const candidates: Candidate[] = CANDIDATE_SPECS[n]!.map((spec, i) => ({
    id: id(1000 + n * 100 + i),
    roundId,
    title: spec.title,
    description: spec.description,
    aspects: spec.aspects,
    populationGroupIds: spec.groups.map((g) => DEMO_GROUPS[g]!.id),
    districtIds: spec.districts.map((d) => DEMO_DISTRICTS[d]!.id),
    ideaIds: [],
    // The cards behind the measure: this round's cards of its groups on its aspects.
    cardIds: cards
      .filter(
        (c) => spec.aspects.includes(c.aspect) && spec.groups.some((g) => DEMO_GROUPS[g]!.id === c.populationGroupId),
      )
      .map((c) => c.id),
    version: 1,
    createdAt: at,
    updatedAt: at,
  }));
  const actionPlan: ActionPlan = {
    roundId,
    candidateIds: candidates.filter((_, i) => CANDIDATE_SPECS[n]![i]!.inPlan).map((c) => c.id),
    status: 'confirmed',
    confirmedAt: at,
    version: 2,
    updatedAt: at,
  };
  return { decisionSession, candidates, actionPlan };
}

export function demoHistory(): DemoRoundData[] {
  const groups = DEMO_GROUPS.map((g) => g.id);
  const organisations = DEMO_ORGANISATIONS.map((o) => o.id);
  const specs = [
    { n: 0, year: 2025, phase: 'closed' as const, improvement: 0 },
    { n: 1, year: 2026, phase: 'monitoring' as const, improvement: 0.8 },
  ];
  return specs.map(({ n, year, phase, improvement }) => {
    const roundId = id(501 + n);
    const at = `${year}-01-15T09:00:00.000Z`;
    const round: Round = {
      id: roundId,
      name: { fi: `Kevät ${year}`, sv: `Våren ${year}`, en: `Spring ${year}` },
      period: { start: `${year}-02-01`, end: `${year}-05-31` },
      populationGroupIds: groups,
      organisationIds: organisations,
      phase,
      ...(n === 1 ? { previousRoundId: id(501) } : { nextRoundId: id(502) }),
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const rand = random(year);
    const sessions: Session[] = [];
    const notes: Notes[] = [];
    const cards: Card[] = [];
    DEMO_GROUPS.forEach((group, g) => {
      const sessionId = id(600 + n * 100 + g);
      // Sessions of 18–28 people: enough that a group's figures clear the privacy threshold's rules.
      const participants = 18 + Math.floor(rand() * 11);
      // Groups 0, 2 and 4 were targeted by 2025's measures: they improve in 2026.
      const lift = g % 2 === 0 ? improvement : improvement / 5;
      const ratings = Object.fromEntries(
        ASPECTS.map((a, i) => [a, ratingCounts(rand, participants, 2.6 + (i % 2) * 0.3 + lift)]),
      );
      const language: 'fi' | 'sv' = group.input.languages.includes('sv') && g === 1 ? 'sv' : 'fi';
      const date = `${year}-03-${String(3 + g * 4).padStart(2, '0')}`;
      sessions.push({
        id: sessionId,
        roundId,
        populationGroupId: group.id,
        districtId: DEMO_DISTRICTS[g % DEMO_DISTRICTS.length]!.id,
        organisationId: organisations[g % organisations.length]!,
        language: group.input.languages[0] ?? 'fi',
        date,
        place: ['Itäkeskuksen kirjasto', 'Malmin toimintakeskus', 'Kallion kirjasto', 'Pasilan asukastalo'][g % 4]!,
        participantCount: participants,
        notesDeadline: `${year}-03-${String(17 + g * 2).padStart(2, '0')}`,
        status: 'approved',
        ratings,
        version: 1,
        createdAt: at,
        updatedAt: at,
      });
      notes.push({
        sessionId,
        roundId,
        language,
        sections: { ...NOTE_SECTIONS[language] },
        status: 'approved',
        version: 3,
      });
      // Two cards per session: a positive and a negative one, on aspects that rotate by group.
      (['positive', 'negative'] as const).forEach((tone, t) => {
        const aspect = ASPECTS[(g + t + n) % ASPECTS.length]!;
        const texts = CARD_TEXTS[aspect][tone];
        cards.push({
          id: id(800 + n * 100 + g * 2 + t),
          roundId,
          sessionId,
          populationGroupId: group.id,
          districtId: DEMO_DISTRICTS[g % DEMO_DISTRICTS.length]!.id,
          aspect,
          tone,
          language,
          text: texts[language],
          translations: language === 'fi' ? { sv: texts.sv } : { fi: texts.fi },
          inDeck: true,
          version: 1,
          createdAt: at,
          updatedAt: at,
        });
      });
    });
    return { round, sessions, notes, cards, ...demoDecision(n, year, roundId, cards) };
  });
}
