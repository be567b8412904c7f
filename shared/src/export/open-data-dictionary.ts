import type { ExportTable } from './table';

/**
 * The data dictionary published beside the open-data file: for every column
 * its type, unit, meaning in Finnish, Swedish and English, and the
 * suppression rule that may leave it empty. Kept beside OPEN_DATA_COLUMNS
 * (open-data.ts); a unit test checks the two list the same columns.
 */
interface Entry {
  column: string;
  type: 'text' | 'date' | 'integer' | 'decimal';
  unit: string;
  fi: string;
  sv: string;
  en: string;
  suppression: string;
}

const PEOPLE =
  'Empty when about 1 to threshold−1 people, or when it would let such a figure be worked out from the totals in this file (complementary suppression).';
const MEAN =
  'Empty when raters is empty, when the mean with its interval and the share would pin down how many gave some rating (fewer than the threshold), or by complementary suppression. Empty also when nobody rated.';
const SHARE =
  'Empty when raters is empty, when those rating 4–5 or those rating 1–3 are 1 to threshold−1 people, or by complementary suppression. Empty also when nobody rated.';
const NONE = 'Never suppressed (not a figure about people).';

export const OPEN_DATA_DICTIONARY: readonly Entry[] = [
  {
    column: 'round_id',
    type: 'text',
    unit: '',
    fi: 'Kierroksen tunniste',
    sv: 'Omgångens identifierare',
    en: 'Identifier of the round',
    suppression: NONE,
  },
  {
    column: 'round_name',
    type: 'text',
    unit: '',
    fi: 'Kierroksen nimi',
    sv: 'Omgångens namn',
    en: 'Name of the round',
    suppression: NONE,
  },
  {
    column: 'round_start',
    type: 'date',
    unit: 'YYYY-MM-DD',
    fi: 'Kierroksen alkupäivä',
    sv: 'Omgångens startdatum',
    en: 'First day of the round',
    suppression: NONE,
  },
  {
    column: 'round_end',
    type: 'date',
    unit: 'YYYY-MM-DD',
    fi: 'Kierroksen päättymispäivä',
    sv: 'Omgångens slutdatum',
    en: 'Last day of the round',
    suppression: NONE,
  },
  {
    column: 'level',
    type: 'text',
    unit: 'city | population_group | district',
    fi: 'Rivin taso: koko kunta, väestöryhmä tai alue',
    sv: 'Radens nivå: hela kommunen, befolkningsgrupp eller område',
    en: 'What the row covers: the whole municipality, one population group or one district',
    suppression: NONE,
  },
  {
    column: 'population_group_id',
    type: 'text',
    unit: '',
    fi: 'Väestöryhmän tunniste (vain ryhmätason riveillä)',
    sv: 'Befolkningsgruppens identifierare (endast på gruppnivå)',
    en: 'Identifier of the population group (group rows only)',
    suppression: NONE,
  },
  {
    column: 'population_group_name',
    type: 'text',
    unit: '',
    fi: 'Väestöryhmän nimi',
    sv: 'Befolkningsgruppens namn',
    en: 'Name of the population group',
    suppression: NONE,
  },
  {
    column: 'district_id',
    type: 'text',
    unit: '',
    fi: 'Alueen tunniste (vain aluetason riveillä)',
    sv: 'Områdets identifierare (endast på områdesnivå)',
    en: 'Identifier of the district (district rows only)',
    suppression: NONE,
  },
  {
    column: 'district_name',
    type: 'text',
    unit: '',
    fi: 'Alueen nimi',
    sv: 'Områdets namn',
    en: 'Name of the district',
    suppression: NONE,
  },
  {
    column: 'aspect',
    type: 'text',
    unit: 'attitudes | safety | interaction | participation',
    fi: 'Hyvien väestösuhteiden ulottuvuus: asenteet, turvallisuuden tunne, vuorovaikutus tai osallisuus',
    sv: 'Dimension av goda relationer: attityder, trygghetskänsla, växelverkan eller delaktighet',
    en: 'Dimension of good relations: attitudes, sense of security, interaction or participation',
    suppression: NONE,
  },
  {
    column: 'sessions',
    type: 'integer',
    unit: 'sessions',
    fi: 'Pidettyjen keskustelutilaisuuksien määrä',
    sv: 'Antal hållna samtalstillfällen',
    en: 'Number of discussion sessions held',
    suppression: NONE,
  },
  {
    column: 'participants',
    type: 'integer',
    unit: 'people',
    fi: 'Osallistujien määrä pidetyissä tilaisuuksissa (sama kaikilla ulottuvuuksilla)',
    sv: 'Antal deltagare vid de hållna tillfällena (samma för alla dimensioner)',
    en: 'Participants in the sessions held (the same for every aspect)',
    suppression: PEOPLE,
  },
  {
    column: 'raters',
    type: 'integer',
    unit: 'people',
    fi: 'Ulottuvuuden asteikolla 1–5 arvioineiden määrä',
    sv: 'Antal som bedömde dimensionen på skalan 1–5',
    en: 'People who rated the aspect on the 1–5 scale',
    suppression: PEOPLE,
  },
  {
    column: 'mean',
    type: 'decimal',
    unit: 'scale 1–5',
    fi: 'Arvioiden keskiarvo (1 = huono, 5 = hyvä), kaksi desimaalia',
    sv: 'Medelvärde av bedömningarna (1 = dåligt, 5 = bra), två decimaler',
    en: 'Mean rating (1 = poor, 5 = good), two decimals',
    suppression: MEAN,
  },
  {
    column: 'mean_ci_low',
    type: 'decimal',
    unit: 'scale 1–5',
    fi: 'Keskiarvon 95 %:n luottamusvälin alaraja (t-jakauma)',
    sv: 'Nedre gräns för medelvärdets 95 % konfidensintervall (t-fördelning)',
    en: 'Lower end of the mean’s 95% confidence interval (Student t)',
    suppression: MEAN,
  },
  {
    column: 'mean_ci_high',
    type: 'decimal',
    unit: 'scale 1–5',
    fi: 'Keskiarvon 95 %:n luottamusvälin yläraja (t-jakauma)',
    sv: 'Övre gräns för medelvärdets 95 % konfidensintervall (t-fördelning)',
    en: 'Upper end of the mean’s 95% confidence interval (Student t)',
    suppression: MEAN,
  },
  {
    column: 'share_4_5',
    type: 'decimal',
    unit: 'share 0–1',
    fi: 'Arvion 4 tai 5 antaneiden osuus arvioineista, kolme desimaalia',
    sv: 'Andel som gav 4 eller 5 av dem som bedömde, tre decimaler',
    en: 'Share of raters who gave 4 or 5, three decimals',
    suppression: SHARE,
  },
  {
    column: 'share_4_5_ci_low',
    type: 'decimal',
    unit: 'share 0–1',
    fi: 'Osuuden 95 %:n luottamusvälin alaraja (Wilson)',
    sv: 'Nedre gräns för andelens 95 % konfidensintervall (Wilson)',
    en: 'Lower end of the share’s 95% confidence interval (Wilson)',
    suppression: SHARE,
  },
  {
    column: 'share_4_5_ci_high',
    type: 'decimal',
    unit: 'share 0–1',
    fi: 'Osuuden 95 %:n luottamusvälin yläraja (Wilson)',
    sv: 'Övre gräns för andelens 95 % konfidensintervall (Wilson)',
    en: 'Upper end of the share’s 95% confidence interval (Wilson)',
    suppression: SHARE,
  },
  {
    column: 'positive_cards',
    type: 'integer',
    unit: 'cards',
    fi: 'Myönteisten kokemuskorttien määrä pakassa',
    sv: 'Antal positiva erfarenhetskort i leken',
    en: 'Positive experience cards in the deck',
    suppression: NONE,
  },
  {
    column: 'negative_cards',
    type: 'integer',
    unit: 'cards',
    fi: 'Kielteisten kokemuskorttien määrä pakassa',
    sv: 'Antal negativa erfarenhetskort i leken',
    en: 'Negative experience cards in the deck',
    suppression: NONE,
  },
];

/** The dictionary as a CSV table; `threshold` is the municipality's, so the rules read with its number. */
export function openDataDictionaryTable(threshold: number): ExportTable {
  const withNumber = (rule: string) =>
    rule.replace('threshold−1', String(threshold - 1)).replace('the threshold', `the threshold (${threshold})`);
  return {
    name: 'dictionary',
    columns: ['column', 'type', 'unit', 'description_fi', 'description_sv', 'description_en', 'suppression_rule'],
    rows: OPEN_DATA_DICTIONARY.map((e) => [e.column, e.type, e.unit, e.fi, e.sv, e.en, withNumber(e.suppression)]),
  };
}
