import type { Locale } from '@sillat/shared/locales';

/**
 * The words of the public survey page around the questions (the questions
 * themselves are the round's instrument). The page is rendered by the API,
 * not the web app, so that it works without JavaScript and loads nothing of
 * the staff app; its few words therefore live here.
 */
export const PAGE_TEXT = {
  fi: {
    nothingAnswered: 'Vastaa ainakin yhteen kysymykseen.',
    language: 'Kieli',
    title: 'Palautekysely',
    intro:
      'Vastaa nimettömästi. Vastaukseesi ei tallenneta nimeä, IP-osoitetta, laitetta eikä vastausaikaa. Jos vastaat uudelleen tällä laitteella, uusi vastaus korvaa aiemman.',
    optional: 'Kaikki kysymykset ovat vapaaehtoisia.',
    send: 'Lähetä vastaus',
    sending: 'Lähetetään…',
    savedOffline:
      'Vastauksesi on tallessa tällä laitteella. Se lähetetään itsestään heti, kun lähetys onnistuu — pidä sivu auki siihen asti.',
    sent: 'Kiitos! Vastauksesi on tallennettu.',
    thanksTitle: 'Kiitos vastauksestasi',
    thanks:
      'Vastauksesi on tallennettu. Jos haluat muuttaa sitä, vastaa uudelleen tällä laitteella: uusi vastaus korvaa aiemman.',
    again: 'Muuta vastaustani',
    closedTitle: 'Kysely on suljettu',
    closed: 'Tähän kyselyyn ei voi enää vastata.',
    notFoundTitle: 'Kyselyä ei löytynyt',
    notFound: 'Tarkista koodi. Se näkyy tilaisuuden näytöllä.',
    codeLabel: 'Kyselyn koodi',
    codeHint: 'Kuusi merkkiä, esimerkiksi K7M2QX.',
    open: 'Avaa kysely',
    errorTitle: 'Vastausta ei voitu tallentaa',
    noMeasures: 'Toimenpide-ehdotuksia ei ole vielä.',
    charactersLeft: 'merkkiä enintään',
  },
  sv: {
    nothingAnswered: 'Svara på minst en fråga.',
    language: 'Språk',
    title: 'Responsenkät',
    intro:
      'Svara anonymt. Inget namn, ingen IP-adress, ingen enhet och ingen svarstid sparas med ditt svar. Om du svarar igen på den här enheten ersätter det nya svaret det tidigare.',
    optional: 'Alla frågor är frivilliga.',
    send: 'Skicka svaret',
    sending: 'Skickar…',
    savedOffline:
      'Ditt svar är sparat på den här enheten. Det skickas automatiskt så snart det går — håll sidan öppen till dess.',
    sent: 'Tack! Ditt svar har sparats.',
    thanksTitle: 'Tack för ditt svar',
    thanks:
      'Ditt svar har sparats. Om du vill ändra det, svara igen på den här enheten: det nya svaret ersätter det tidigare.',
    again: 'Ändra mitt svar',
    closedTitle: 'Enkäten är stängd',
    closed: 'Det går inte längre att svara på den här enkäten.',
    notFoundTitle: 'Enkäten hittades inte',
    notFound: 'Kontrollera koden. Den visas på skärmen i mötet.',
    codeLabel: 'Enkätens kod',
    codeHint: 'Sex tecken, till exempel K7M2QX.',
    open: 'Öppna enkäten',
    errorTitle: 'Svaret kunde inte sparas',
    noMeasures: 'Det finns inga åtgärdsförslag ännu.',
    charactersLeft: 'tecken högst',
  },
  en: {
    nothingAnswered: 'Answer at least one question.',
    language: 'Language',
    title: 'Feedback survey',
    intro:
      'Answer anonymously. No name, IP address, device or time of answering is stored with your answer. If you answer again on this device, the new answer replaces the earlier one.',
    optional: 'Every question is optional.',
    send: 'Send my answer',
    sending: 'Sending…',
    savedOffline:
      'Your answer is kept on this device. It will be sent automatically as soon as it can be — keep this page open until then.',
    sent: 'Thank you! Your answer has been stored.',
    thanksTitle: 'Thank you for answering',
    thanks:
      'Your answer has been stored. To change it, answer again on this device: the new answer replaces the earlier one.',
    again: 'Change my answer',
    closedTitle: 'The survey is closed',
    closed: 'This survey no longer takes answers.',
    notFoundTitle: 'Survey not found',
    notFound: 'Check the code. It is shown on the screen in the room.',
    codeLabel: 'Survey code',
    codeHint: 'Six characters, for example K7M2QX.',
    open: 'Open the survey',
    errorTitle: 'Your answer could not be stored',
    noMeasures: 'There are no proposed measures yet.',
    charactersLeft: 'characters at most',
  },
} satisfies Record<Locale, Record<string, string>>;

export type PageText = (typeof PAGE_TEXT)['fi'];

export const LANGUAGE_NAMES: Record<Locale, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };
