import type { Skill } from '../skills';

/**
 * How clients name each kind of work, in German and English. Patterns are word stems, so inflections
 * and compounds match ("Rechnung", "Rechnungen", "Eingangsrechnungen"); weights say how sure a word is
 * on its own (1 = it names the skill, 0.5 = a hint). Patterns run on lower-cased text.
 */
export const SKILL_KEYWORDS: Record<Skill, ReadonlyArray<readonly [RegExp, number]>> = {
  correspondence: [
    [/korrespondenz|correspondence/, 1],
    [
      /\bbriefe?\b|anschreiben|serienbrief|rundschreiben|k[üu]ndigungsschreiben|antwortschreiben|\bletters?\b|cover letter/,
      1,
    ],
    [
      /(e-?mails?|mails|nachrichten|anfragen|posteingang|postfach|inbox)\W+(\w+\W+){0,3}(beantworten|bearbeiten|sortieren|abarbeiten|answer|reply|respond|sort|clean)/,
      1,
    ],
    [/(beantworten|antworten|formulieren|reply to|respond to|draft (an?|the) (e-?mail|reply))/, 0.6],
    [/\b(e-?mails?|mails?|schreiben)\b/, 0.3],
  ],
  scheduling: [
    [
      /termin(e|en)?\b|terminplanung|terminvereinbarung|terminabstimmung|terminieren|appointments?|scheduling|\bschedule\b/,
      1,
    ],
    [/kalender|calendar|doodle|meeting(s)?\b|besprechung|call\b|calls\b|zoom|teams-?meeting/, 0.5],
    [/(verschieben|koordinieren|reschedule|set up a (call|meeting)|book a meeting)/, 0.5],
  ],
  travel: [
    [/reise(buchung|planung|n)?\b|dienstreise|travel|trip\b|itinerary|reiseplan/, 1],
    [
      /\bfl[üu]ge?\b|flight|hotel|bahnticket|zugticket|bahncard|\bzug\b|\btrain\b|mietwagen|rental car|[üu]bernachtung|unterkunft|accommodation/,
      1,
    ],
    [/\b(bahn|ticket|tickets|airbnb|booking)\b/, 0.4],
  ],
  events: [
    [
      /event|veranstaltung|weihnachtsfeier|firmenfeier|sommerfest|jubil[äa]um|konferenz|tagung|conference|messe\b|trade fair|offsite/,
      1,
    ],
    [/feier\b|party|location|venue|catering|g[äa]steliste|guest list|workshop/, 0.6],
  ],
  research: [
    [/recherch|research|marktanalyse|market analysis|vergleich|compar(e|ison)|shortlist/, 1],
    [
      /herausfinden|find out|look into|[üu]bersicht [üu]ber|overview of|anbieter|providers|informationen (zu|[üu]ber)|options for/,
      0.6,
    ],
  ],
  presentations: [
    [
      /pr[äa]sentation|presentation|folien|slides?\b|powerpoint|pptx?\b|keynote|pitch ?deck|foliensatz|\bdeck\b/,
      1,
    ],
  ],
  copywriting: [
    [
      /texte?\b|texten|texterstellung|copywriting|\bcopy\b|blog|artikel|article|newsletter|produktbeschreibung|product description/,
      1,
    ],
    [/korrektur(lesen|lesung)|lektorat|proofread|umformulieren|rewrite|webseitentext|website copy/, 1],
  ],
  'social-media': [
    [
      /social media|social-media|instagram|facebook|linkedin|tiktok|redaktionsplan|content-?plan|content calendar|reels?\b|hashtags?/,
      1,
    ],
    [/\bposts?\b|beitr[äa]ge|postings?|community/, 0.5],
  ],
  marketing: [
    [
      /marketing|kampagne|campaign|werbung|advertis|google ads|anzeigen?\b|\bads\b|\bseo\b|flyer|brosch[üu]re|brochure|mailchimp/,
      1,
    ],
    [/zielgruppe|target audience|branding|logo/, 0.5],
  ],
  bookkeeping: [
    [
      /buchhaltung|bookkeeping|accounting|rechnung|invoice|belege?\b|quittung|receipts?|datev|lexoffice|sevdesk|quickbooks|xero/,
      1,
    ],
    [
      /\bbuchung(en)?\b|mahnung|zahlungseing[äa]nge|offene posten|steuerberater|umsatzsteuer|kontoausz[üu]ge|spesen|reisekostenabrechnung|expenses|reconcil|payroll|lohnabrechnung/,
      1,
    ],
  ],
  'data-entry': [
    [/dateneingabe|datenerfassung|data entry|einpflegen|eintragen|[üu]bertragen in|abtippen|erfassen/, 1],
    [
      /excel|tabelle|spreadsheet|google sheets|\bcrm\b|visitenkarten|business cards|adressliste|kontaktliste|\bliste\b|\blist\b|datensätze|records/,
      0.6,
    ],
  ],
  web: [
    [
      /website|webseite|homepage|wordpress|shopify|\bwix\b|onlineshop|online-shop|landingpage|landing page|impressum|plugin|\bcms\b/,
      1,
    ],
  ],
  'customer-support': [
    [
      /kundenanfragen|kundenservice|kundensupport|kundendienst|customer (support|service|inquiries)|support-?tickets?|helpdesk|zendesk|reklamation|complaints?|hotline/,
      1,
    ],
    [/kunden\b|customers?\b|r[üu]ckfragen|tickets?\b/, 0.4],
  ],
  'lead-generation': [
    [
      /\bleads?\b|leadgenerierung|lead generation|akquise|kaltakquise|prospect|outreach|potenzielle kunden|potential (clients|customers)/,
      1,
    ],
    [/ansprechpartner|decision makers|entscheider|kontaktdaten|contact details/, 0.6],
  ],
  'file-management': [
    [
      /ablage|filing|file management|ordnerstruktur|ordner|folders?|archivier|archive|digitalisier|digiti[sz]e|scannen|\bscan/,
      1,
    ],
    [
      /dateien|files\b|dokumente|documents|dropbox|google drive|onedrive|sharepoint|sortieren|organi[sz]e/,
      0.4,
    ],
  ],
};
