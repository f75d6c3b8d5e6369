/**
 * What the demo space's bodies hold: fictitious people (invented names, real organisations), who
 * sits in the plenary and the steering group, and six working groups in every state of their
 * life. `seed.ts` writes it. Dates of working groups are days relative to the day the demo is
 * loaded, so a demo loaded any day has a group near its sunset and a report overdue.
 */
import type { Translatable } from '../../kernel/i18n/translatable.js';
import type { BodyDecisionAction, BodyState, Charter, College, JoinRequestState, MandateRole } from './tables.js';

export type DemoGender = 'woman' | 'man' | 'non_binary' | 'prefer_not_to_say';

/** A person the bodies' demo adds (identity's demo people are referred to by their own keys). */
export interface BodiesDemoPerson {
  key: string;
  name: string;
  /** Local part of the e-mail at demo.teixit.cat. */
  email: string;
  gender: DemoGender | null;
}

/**
 * Day: an ISO date (`YYYY-MM-DD`) for the standing bodies' fixed history, or a number of days
 * from the day the demo is loaded (negative: in the past) for the working groups.
 */
export type DemoDay = string | number;

export interface DemoMandate {
  /** A key of `BODIES_DEMO_PEOPLE` or of identity's demo people (`admin`, `delegate-xes`…). */
  person: string;
  /** Short name of the organisation represented; null for people who sit on their own. */
  org: string | null;
  college: College;
  role: MandateRole;
  from: DemoDay;
  to?: DemoDay;
  endReason?: string;
}

export interface DemoDecision {
  action: BodyDecisionAction;
  on: number;
  by: string;
  reason?: string;
  sunsetBefore?: number;
  sunsetAfter?: number;
}

export interface DemoReport {
  kind: 'periodic' | 'final';
  from: number;
  to: number;
  /** Days after `to` it was filed. */
  filedAfter: number;
  by: string;
  progress: string;
  nextSteps: string;
  blockers: string;
}

export interface DemoJoinRequest {
  person: string;
  org: string | null;
  statement: string;
  state: JoinRequestState;
  on: number;
  /** Accepted or declined: who, when and (declined) why. An accepted one points at the person's mandate in the group. */
  decidedBy?: string;
  decidedOn?: number;
  reason?: string;
}

export interface DemoWorkingGroup {
  slug: string;
  name: Translatable;
  purpose: Translatable;
  charter: Charter;
  state: BodyState;
  open: boolean;
  proposedBy: string;
  /** Short name of the organisation the proposer acted for; null when they proposed as an individual. */
  proposedFor: string | null;
  /** Null while proposed or declined: a group starts when approved. */
  startsOn: number | null;
  sunsetOn: number;
  reportIntervalDays: number;
  position: number;
  decisions: DemoDecision[];
  mandates: DemoMandate[];
  reports: DemoReport[];
  joinRequests: DemoJoinRequest[];
}

/** Genders identity's demo people declare (the parity figures count them). */
export const IDENTITY_DEMO_GENDERS: Readonly<Record<string, DemoGender>> = {
  admin: 'woman',
  official: 'woman',
  'delegate-xes': 'man',
  'delegate-fctc': 'woman',
  'delegate-confederacio': 'man',
  trajectory: 'woman',
  'member-coopolis': 'woman',
};

/** Every name is made up. */
export const BODIES_DEMO_PEOPLE: readonly BodiesDemoPerson[] = [
  // Council units
  { key: 'rosa-valles', name: 'Rosa Vallès i Mir', email: 'rosa.valles', gender: 'woman' },
  { key: 'xavier-nadal', name: 'Xavier Nadal i Roig', email: 'xavier.nadal', gender: 'man' },
  { key: 'oriol-sabate', name: 'Oriol Sabaté i Llull', email: 'oriol.sabate', gender: 'man' },
  // Delegates of representative entities
  { key: 'albert-fontanet', name: 'Albert Fontanet i Rius', email: 'albert.fontanet', gender: 'man' },
  { key: 'merce-sola', name: 'Mercè Solà i Bertran', email: 'merce.sola', gender: 'woman' },
  { key: 'gemma-tarres', name: 'Gemma Tarrés i Coll', email: 'gemma.tarres', gender: 'woman' },
  { key: 'ramon-pujades', name: 'Ramon Pujades i Vila', email: 'ramon.pujades', gender: 'man' },
  { key: 'isabel-moreno', name: 'Isabel Moreno García', email: 'isabel.moreno', gender: 'woman' },
  { key: 'sergi-campmany', name: 'Sergi Campmany i Orts', email: 'sergi.campmany', gender: 'man' },
  { key: 'lucia-fernandez', name: 'Lucía Fernández Ruiz', email: 'lucia.fernandez', gender: 'woman' },
  { key: 'josep-maria-codina', name: 'Josep Maria Codina i Sala', email: 'josepmaria.codina', gender: 'man' },
  { key: 'alba-serrano', name: 'Alba Serrano i Pla', email: 'alba.serrano', gender: 'woman' },
  { key: 'kai-domenech', name: 'Kai Domènech i Vives', email: 'kai.domenech', gender: 'non_binary' },
  { key: 'david-ortega', name: 'David Ortega Navarro', email: 'david.ortega', gender: 'man' },
  { key: 'clara-miro', name: 'Clara Miró i Estany', email: 'clara.miro', gender: 'woman' },
  { key: 'alex-bonet', name: 'Àlex Bonet i Garriga', email: 'alex.bonet', gender: 'non_binary' },
  { key: 'pere-aymerich', name: 'Pere Aymerich i Bosc', email: 'pere.aymerich', gender: 'man' },
  { key: 'fatima-el-amrani', name: 'Fatima El Amrani', email: 'fatima.elamrani', gender: 'woman' },
  { key: 'jaume-torrents', name: 'Jaume Torrents i Prat', email: 'jaume.torrents', gender: 'man' },
  { key: 'marta-quintana', name: 'Marta Quintana i Reig', email: 'marta.quintana', gender: 'woman' },
  { key: 'hector-jimenez', name: 'Héctor Jiménez Molina', email: 'hector.jimenez', gender: 'man' },
  { key: 'anna-castells', name: 'Anna Castells i Batlle', email: 'anna.castells', gender: 'woman' },
  { key: 'antoni-ribe', name: 'Antoni Ribé i Gual', email: 'antoni.ribe', gender: 'man' },
  // Former delegates (their mandates ended: the history the pages show)
  { key: 'carles-nogue', name: 'Carles Nogué i Ferré', email: 'carles.nogue', gender: 'man' },
  { key: 'montse-girbau', name: 'Montse Girbau i Coma', email: 'montse.girbau', gender: 'woman' },
  { key: 'joan-bertomeu', name: 'Joan Bertomeu i Fuster', email: 'joan.bertomeu', gender: 'man' },
  // People with trajectory, from non-articulated economies, experts
  { key: 'francesc-rovira', name: 'Francesc Rovira i Batista', email: 'francesc.rovira', gender: 'man' },
  { key: 'dolors-figueras', name: 'Dolors Figueras i Roca', email: 'dolors.figueras', gender: 'woman' },
  { key: 'enric-balcells', name: 'Enric Balcells i Soley', email: 'enric.balcells', gender: 'man' },
  { key: 'silvia-garcia', name: 'Sílvia Garcia Prats', email: 'silvia.garcia', gender: 'woman' },
  { key: 'nil-ventura', name: 'Nil Ventura i Pagès', email: 'nil.ventura', gender: 'man' },
  { key: 'ona-bartra', name: 'Ona Bartra i Solé', email: 'ona.bartra', gender: 'prefer_not_to_say' },
  { key: 'cristina-almirall', name: 'Cristina Almirall i Vendrell', email: 'cristina.almirall', gender: 'woman' },
  { key: 'jorge-medina', name: 'Jorge Medina Castro', email: 'jorge.medina', gender: 'man' },
  // Working groups
  { key: 'julia-pons', name: 'Júlia Pons i Ferran', email: 'julia.pons', gender: 'woman' },
  { key: 'pau-riera', name: 'Pau Riera i Costa', email: 'pau.riera', gender: 'man' },
  { key: 'carme-llobet', name: 'Carme Llobet i Puig', email: 'carme.llobet', gender: 'woman' },
  { key: 'berta-oliver', name: 'Berta Oliver i Sunyer', email: 'berta.oliver', gender: 'woman' },
  { key: 'iker-goikoetxea', name: 'Iker Goikoetxea Sanz', email: 'iker.goikoetxea', gender: 'man' },
  { key: 'roger-cases', name: 'Roger Cases i Fortuny', email: 'roger.cases', gender: 'man' },
  { key: 'rut-vilanova', name: 'Rut Vilanova i Mas', email: 'rut.vilanova', gender: 'woman' },
  { key: 'ferran-oller', name: 'Ferran Oller i Bas', email: 'ferran.oller', gender: 'man' },
  { key: 'lluis-sendra', name: 'Lluís Sendra i Codina', email: 'lluis.sendra', gender: 'man' },
  { key: 'noelia-castro', name: 'Noelia Castro Delgado', email: 'noelia.castro', gender: 'woman' },
  { key: 'sam-ortiz', name: 'Sam Ortiz Benet', email: 'sam.ortiz', gender: null },
  { key: 'eulalia-grifoll', name: 'Eulàlia Grifoll i Mateu', email: 'eulalia.grifoll', gender: 'woman' },
  { key: 'biel-mestres', name: 'Biel Mestres i Palau', email: 'biel.mestres', gender: 'man' },
  { key: 'marina-salas', name: 'Marina Salas i Comas', email: 'marina.salas', gender: 'woman' },
  { key: 'guillem-pascual', name: 'Guillem Pascual i Ros', email: 'guillem.pascual', gender: 'man' },
  { key: 'sergio-vidal', name: 'Sergio Vidal Lozano', email: 'sergio.vidal', gender: 'man' },
];

/** People of the demo worth signing in as, beyond identity's (printed at the first start). */
export const BODIES_DEMO_ACCOUNTS: ReadonlyArray<{ key: string; part: string }> = [
  { key: 'julia-pons', part: 'participant: coordinator of the Comunicació working group' },
  { key: 'carme-llobet', part: 'participant: coordinator of the Contractació pública working group' },
];

// ---- The plenary and the steering group --------------------------------------------------

/** The day the representative entities' delegates of the first term took their seats (after their recognition). */
const FIRST_TERM = '2022-04-05';
/** The renewal of the plenary: the current term. */
const SECOND_TERM = '2024-03-20';

/** Who sits in the plenary (Àmbit Participat), now and before. */
export const PLENARY_MANDATES: readonly DemoMandate[] = [
  // College of the council: the Commissioner chairs, the official is the council's liaison,
  // the technical secretariat keeps the composition.
  { person: 'rosa-valles', org: 'Comissionat ESS', college: 'council', role: 'chair', from: '2023-07-01' },
  { person: 'official', org: 'Comissionat ESS', college: 'council', role: 'council_liaison', from: '2023-07-01' },
  { person: 'xavier-nadal', org: 'BA Altres Economies', college: 'council', role: 'member', from: '2023-07-01' },
  { person: 'admin', org: 'BA Altres Economies', college: 'council', role: 'secretary', from: FIRST_TERM },
  // Two delegates for most representative entities.
  { person: 'albert-fontanet', org: 'AESCAT', college: 'entity', role: 'member', from: SECOND_TERM },
  { person: 'merce-sola', org: 'AESCAT', college: 'entity', role: 'member', from: FIRST_TERM },
  { person: 'gemma-tarres', org: 'CCC', college: 'entity', role: 'member', from: SECOND_TERM },
  { person: 'ramon-pujades', org: 'CCC', college: 'entity', role: 'member', from: FIRST_TERM },
  { person: 'joan-bertomeu', org: 'CCC', college: 'entity', role: 'member', from: FIRST_TERM, to: SECOND_TERM, endReason: 'Relleu acordat per la confederació.' },
  { person: 'isabel-moreno', org: 'Taula Tercer Sector', college: 'entity', role: 'member', from: FIRST_TERM },
  { person: 'sergi-campmany', org: 'Taula Tercer Sector', college: 'entity', role: 'member', from: SECOND_TERM },
  { person: 'delegate-confederacio', org: 'La Confederació', college: 'entity', role: 'member', from: FIRST_TERM },
  { person: 'lucia-fernandez', org: 'La Confederació', college: 'entity', role: 'member', from: SECOND_TERM },
  // FMC and FCCUC sit with one delegate each.
  { person: 'josep-maria-codina', org: 'FMC', college: 'entity', role: 'member', from: FIRST_TERM },
  { person: 'pere-aymerich', org: 'FCCUC', college: 'entity', role: 'member', from: SECOND_TERM },
  // XES: two delegates and an alternate (who takes no seat).
  { person: 'delegate-xes', org: 'XES', college: 'entity', role: 'member', from: FIRST_TERM },
  { person: 'alba-serrano', org: 'XES', college: 'entity', role: 'member', from: SECOND_TERM },
  { person: 'kai-domenech', org: 'XES', college: 'entity', role: 'alternate', from: SECOND_TERM },
  { person: 'carles-nogue', org: 'XES', college: 'entity', role: 'member', from: FIRST_TERM, to: SECOND_TERM, endReason: 'Fi del mandat.' },
  // FCTC: the delegate was the alternate of the first term.
  { person: 'delegate-fctc', org: 'FCTC', college: 'entity', role: 'alternate', from: FIRST_TERM, to: SECOND_TERM },
  { person: 'delegate-fctc', org: 'FCTC', college: 'entity', role: 'member', from: SECOND_TERM },
  { person: 'david-ortega', org: 'FCTC', college: 'entity', role: 'member', from: SECOND_TERM },
  { person: 'montse-girbau', org: 'FCTC', college: 'entity', role: 'member', from: FIRST_TERM, to: SECOND_TERM, endReason: 'Fi del mandat.' },
  { person: 'clara-miro', org: 'FCHC', college: 'entity', role: 'member', from: FIRST_TERM },
  { person: 'alex-bonet', org: 'FCHC', college: 'entity', role: 'member', from: SECOND_TERM },
  { person: 'fatima-el-amrani', org: 'FEICAT', college: 'entity', role: 'member', from: FIRST_TERM },
  { person: 'jaume-torrents', org: 'FEICAT', college: 'entity', role: 'member', from: SECOND_TERM },
  { person: 'marta-quintana', org: 'ECAS', college: 'entity', role: 'member', from: FIRST_TERM },
  { person: 'hector-jimenez', org: 'ECAS', college: 'entity', role: 'member', from: FIRST_TERM },
  { person: 'anna-castells', org: 'Dincat', college: 'entity', role: 'member', from: FIRST_TERM },
  { person: 'antoni-ribe', org: 'Dincat', college: 'entity', role: 'member', from: SECOND_TERM },
  // People with a recognised trajectory, non-articulated economies, experts.
  { person: 'trajectory', org: null, college: 'trajectory', role: 'member', from: '2021-05-12' },
  { person: 'francesc-rovira', org: null, college: 'trajectory', role: 'member', from: SECOND_TERM },
  { person: 'dolors-figueras', org: null, college: 'trajectory', role: 'member', from: '2023-07-01' },
  { person: 'enric-balcells', org: null, college: 'trajectory', role: 'member', from: '2021-05-12', to: '2023-05-12', endReason: 'Hi renuncia per motius personals.' },
  { person: 'silvia-garcia', org: null, college: 'non_articulated', role: 'member', from: FIRST_TERM },
  { person: 'nil-ventura', org: null, college: 'non_articulated', role: 'member', from: SECOND_TERM },
  { person: 'ona-bartra', org: null, college: 'non_articulated', role: 'member', from: SECOND_TERM },
  { person: 'cristina-almirall', org: null, college: 'expert', role: 'member', from: SECOND_TERM },
  { person: 'jorge-medina', org: null, college: 'expert', role: 'member', from: SECOND_TERM },
];

/** Who sits in the steering group (grup motor): one person per organisation. */
export const STEERING_MANDATES: readonly DemoMandate[] = [
  { person: 'delegate-xes', org: 'XES', college: 'entity', role: 'chair', from: SECOND_TERM },
  { person: 'carles-nogue', org: 'XES', college: 'entity', role: 'chair', from: FIRST_TERM, to: SECOND_TERM, endReason: 'Fi del mandat.' },
  { person: 'admin', org: 'BA Altres Economies', college: 'council', role: 'secretary', from: FIRST_TERM },
  { person: 'official', org: 'Comissionat ESS', college: 'council', role: 'council_liaison', from: '2023-07-01' },
  { person: 'albert-fontanet', org: 'AESCAT', college: 'entity', role: 'member', from: SECOND_TERM },
  { person: 'gemma-tarres', org: 'CCC', college: 'entity', role: 'member', from: SECOND_TERM },
  { person: 'delegate-confederacio', org: 'La Confederació', college: 'entity', role: 'member', from: FIRST_TERM },
  { person: 'hector-jimenez', org: 'ECAS', college: 'entity', role: 'member', from: FIRST_TERM },
  { person: 'trajectory', org: null, college: 'trajectory', role: 'member', from: FIRST_TERM },
  { person: 'silvia-garcia', org: null, college: 'non_articulated', role: 'member', from: SECOND_TERM },
  { person: 'jorge-medina', org: null, college: 'expert', role: 'member', from: SECOND_TERM },
];

// ---- Working groups -------------------------------------------------------------------------

const COMMUNICATION: DemoWorkingGroup = {
  slug: 'comunicacio',
  name: { ca: 'Comunicació', es: 'Comunicación', en: 'Communication' },
  purpose: {
    ca: "Estratègies i eines per a un relat comú de l'economia social i solidària, perquè se la conegui i creixi.",
    es: 'Estrategias y herramientas para un relato común de la economía social y solidaria, para que se la conozca y crezca.',
    en: 'Strategies and tools for a common narrative of the social and solidarity economy, so that it becomes known and grows.',
  },
  charter: {
    objectives: {
      ca: "Construir un relat comú de l'economia social i solidària de Barcelona que mostri la seva diversitat (cooperatives, associacions, mutualitats, economies comunitàries i del procomú) i n'expliqui l'impacte amb dades. Fer que les entitats el puguin fer seu i que arribi a gent que encara no coneix l'ESS.",
      es: 'Construir un relato común de la economía social y solidaria de Barcelona que muestre su diversidad (cooperativas, asociaciones, mutualidades, economías comunitarias y del procomún) y explique su impacto con datos. Que las entidades lo puedan hacer suyo y que llegue a quien aún no conoce la ESS.',
      en: "Build a common narrative of Barcelona's social and solidarity economy that shows its diversity (co-operatives, associations, mutuals, community and commons economies) and explains its impact with data. Make it something every organisation can adopt, and take it to people who do not know the SSE yet.",
    },
    method: {
      ca: "Sessions obertes de treball amb un equip de redacció rotatiu. Cada proposta es contrasta amb les federacions i les xarxes abans de publicar-la. Les decisions es prenen per consens; si no n'hi ha, ho decideixen les persones coordinadores i en donen compte al grup motor.",
      es: 'Sesiones abiertas de trabajo con un equipo de redacción rotatorio. Cada propuesta se contrasta con las federaciones y las redes antes de publicarla. Las decisiones se toman por consenso; si no lo hay, deciden las personas coordinadoras y dan cuenta al grupo motor.',
      en: 'Open working sessions with a rotating drafting team. Each proposal is contrasted with the federations and networks before it is published. Decisions are taken by consensus; failing that, the coordinators decide and report to the steering group.',
    },
    cadence: {
      ca: 'Una reunió mensual en línia (primer dimarts de mes, a les 18 h) i una sessió presencial cada trimestre a Coòpolis.',
      es: 'Una reunión mensual en línea (primer martes de mes, a las 18 h) y una sesión presencial cada trimestre en Coòpolis.',
      en: 'One online meeting a month (first Tuesday, 6 pm) and an in-person session every quarter at Coòpolis.',
    },
    deliverables: {
      ca: "Guia del relat comú de l'ESS; kit de comunicació per a entitats (missatges, dades, imatges lliures); campanya conjunta per a la Fira d'Economia Solidària; informe final amb recomanacions per al Pla d'Impuls.",
      es: 'Guía del relato común de la ESS; kit de comunicación para entidades (mensajes, datos, imágenes libres); campaña conjunta para la Feria de Economía Solidaria; informe final con recomendaciones para el Plan de Impulso.',
      en: 'A guide to the common SSE narrative; a communication kit for organisations (messages, figures, freely licensed images); a joint campaign for the Solidarity Economy Fair; a final report with recommendations for the Impulse Plan.',
    },
  },
  state: 'active',
  open: true,
  proposedBy: 'julia-pons',
  proposedFor: 'La Ciutat Invisible',
  startsOn: -420,
  sunsetOn: 250,
  reportIntervalDays: 90,
  position: 1,
  decisions: [
    { action: 'proposed', on: -440, by: 'julia-pons' },
    { action: 'approved', on: -421, by: 'delegate-xes', reason: 'Respon a una prioritat de la trobada general: fer visible el sector.' },
  ],
  mandates: [
    { person: 'julia-pons', org: 'La Ciutat Invisible', college: 'entity', role: 'coordinator', from: -420 },
    { person: 'pau-riera', org: 'Pangea', college: 'entity', role: 'coordinator', from: -420 },
    { person: 'xavier-nadal', org: 'BA Altres Economies', college: 'council', role: 'council_liaison', from: -420 },
    { person: 'alba-serrano', org: 'XES', college: 'entity', role: 'member', from: -420 },
    { person: 'lucia-fernandez', org: 'La Confederació', college: 'entity', role: 'member', from: -420 },
    { person: 'member-coopolis', org: 'Coòpolis', college: 'entity', role: 'member', from: -380 },
    { person: 'nil-ventura', org: null, college: 'non_articulated', role: 'member', from: -380 },
    { person: 'berta-oliver', org: 'femProcomuns', college: 'entity', role: 'member', from: -300 },
    { person: 'kai-domenech', org: 'XES', college: 'entity', role: 'member', from: -250 },
    { person: 'roger-cases', org: 'ECOS', college: 'entity', role: 'member', from: -420, to: -120, endReason: 'Deixa la cooperativa.' },
  ],
  reports: [
    {
      kind: 'periodic', from: -420, to: -331, filedAfter: 6, by: 'julia-pons',
      progress: "Hem fet tres sessions obertes amb 24 persones de 17 entitats i hem recollit els missatges que cada federació ja fa servir. Primer esborrany de l'índex de la guia del relat comú.",
      nextSteps: "Redactar els tres missatges clau i contrastar-los amb la XES, l'FCTC i La Confederació.",
      blockers: '',
    },
    {
      kind: 'periodic', from: -330, to: -241, filedAfter: 9, by: 'pau-riera',
      progress: 'Missatges clau contrastats amb cinc federacions. Banc de dades del sector (ocupació, facturació, persones sòcies) acordat amb el Comissionat.',
      nextSteps: 'Kit de comunicació: plantilles, dades i un banc d’imatges amb llicència lliure.',
      blockers: "Les dades d'ocupació del 2024 encara no són públiques.",
    },
    {
      kind: 'periodic', from: -240, to: -151, filedAfter: 12, by: 'julia-pons',
      progress: 'Kit de comunicació publicat en català i castellà; 40 entitats l’han descarregat. Campanya conjunta de la Fira en preparació.',
      nextSteps: "Campanya de la Fira d'Economia Solidària i traducció del kit a l'anglès.",
      blockers: 'Falta pressupost per a la difusió de la campanya a mitjans.',
    },
  ],
  joinRequests: [
    { person: 'berta-oliver', org: 'femProcomuns', statement: '', state: 'accepted', on: -305, decidedBy: 'julia-pons', decidedOn: -300 },
    {
      person: 'sergio-vidal', org: null, state: 'declined', on: -200, decidedBy: 'pau-riera', decidedOn: -195,
      statement: 'Advocat especialitzat en contractació pública; voldria aportar la mirada jurídica a la comunicació del sector.',
      reason: "El teu perfil encaixa més amb el grup de Contractació pública: t'hi convidem.",
    },
    { person: 'marina-salas', org: 'Diomcoop', statement: 'Portem la comunicació de la cooperativa i podem aportar les veus de les persones migrades que en formen part.', state: 'pending', on: -6 },
    {
      person: 'guillem-pascual', org: null, state: 'pending', on: -3,
      statement: "Periodista autònom; fa deu anys que escric sobre cooperativisme en mitjans de proximitat. M'agradaria ajudar a fer arribar el relat comú a la premsa local.",
    },
  ],
};

const PUBLIC_PROCUREMENT: DemoWorkingGroup = {
  slug: 'contractacio-publica',
  name: { ca: 'Contractació pública responsable', es: 'Contratación pública responsable', en: 'Responsible public procurement' },
  purpose: {
    ca: "Un model de contractació pública responsable en què les empreses proveïdores de l'Ajuntament excel·leixin en responsabilitat social i ambiental.",
    es: 'Un modelo de contratación pública responsable en el que las empresas proveedoras del Ayuntamiento destaquen en responsabilidad social y ambiental.',
    en: "A model of responsible public procurement in which the council's suppliers excel in social and environmental responsibility.",
  },
  charter: {
    objectives: {
      ca: "Que les clàusules socials i ambientals de la contractació municipal es facin servir de debò i es puguin verificar; augmentar la reserva de contractes a empreses d'inserció i centres especials de treball; dividir els contractes en lots que cooperatives i entitats petites puguin licitar.",
      es: 'Que las cláusulas sociales y ambientales de la contratación municipal se usen de verdad y se puedan verificar; aumentar la reserva de contratos a empresas de inserción y centros especiales de empleo; dividir los contratos en lotes que cooperativas y entidades pequeñas puedan licitar.',
      en: "Make the social and environmental clauses of the council's procurement used in earnest and verifiable; increase the contracts reserved for insertion enterprises and special employment centres; split contracts into lots that co-operatives and small organisations can bid for.",
    },
    method: {
      ca: "Anàlisi de plecs reals amb el Departament de Contractació, recull de bones pràctiques d'altres ciutats i redacció conjunta de propostes. Cada proposta es contrasta amb l'Àmbit Participat abans d'elevar-la a l'Ajuntament.",
      es: 'Análisis de pliegos reales con el Departamento de Contratación, recogida de buenas prácticas de otras ciudades y redacción conjunta de propuestas. Cada propuesta se contrasta con el Ámbito Participado antes de elevarla al Ayuntamiento.',
      en: "Analysis of real tender documents with the Procurement Department, a collection of good practice from other cities and joint drafting of proposals. Each proposal is contrasted with the participatory space before it goes to the council.",
    },
    cadence: {
      ca: 'Una reunió cada tres setmanes (dijous, a les 9.30 h) a Barcelona Activa, i subgrups de treball entre reunions.',
      es: 'Una reunión cada tres semanas (jueves, a las 9.30 h) en Barcelona Activa, y subgrupos de trabajo entre reuniones.',
      en: 'A meeting every three weeks (Thursdays, 9.30 am) at Barcelona Activa, with sub-groups working between meetings.',
    },
    deliverables: {
      ca: "Catàleg comentat de clàusules socials i ambientals; proposta de percentatge de reserva de contractes; guia per a entitats que volen licitar; informe de seguiment de l'aplicació de les clàusules.",
      es: 'Catálogo comentado de cláusulas sociales y ambientales; propuesta de porcentaje de reserva de contratos; guía para entidades que quieren licitar; informe de seguimiento de la aplicación de las cláusulas.',
      en: 'An annotated catalogue of social and environmental clauses; a proposed share of reserved contracts; a guide for organisations that want to bid; a follow-up report on how the clauses are applied.',
    },
  },
  state: 'active',
  open: true,
  proposedBy: 'carme-llobet',
  proposedFor: 'LabCoop',
  startsOn: -700,
  sunsetOn: 21,
  reportIntervalDays: 90,
  position: 2,
  decisions: [
    { action: 'proposed', on: -720, by: 'carme-llobet' },
    { action: 'approved', on: -701, by: 'carles-nogue' },
    {
      action: 'extended', on: -190, by: 'delegate-xes', sunsetBefore: -160, sunsetAfter: 21,
      reason: "Cal acabar la guia per a entitats i fer-ne el retorn amb el Departament de Contractació, que ha endarrerit la revisió dels plecs.",
    },
  ],
  mandates: [
    { person: 'carme-llobet', org: 'LabCoop', college: 'entity', role: 'coordinator', from: -700 },
    { person: 'david-ortega', org: 'FCTC', college: 'entity', role: 'coordinator', from: -700 },
    { person: 'oriol-sabate', org: 'Comissionat ESS', college: 'council', role: 'council_liaison', from: -700 },
    { person: 'jorge-medina', org: null, college: 'expert', role: 'member', from: -700 },
    { person: 'fatima-el-amrani', org: 'FEICAT', college: 'entity', role: 'member', from: -700 },
    { person: 'anna-castells', org: 'Dincat', college: 'entity', role: 'member', from: -650 },
    { person: 'sergi-campmany', org: 'Taula Tercer Sector', college: 'entity', role: 'member', from: -650 },
    { person: 'rut-vilanova', org: 'Suara', college: 'entity', role: 'member', from: -600 },
    { person: 'ferran-oller', org: 'Alencop', college: 'entity', role: 'member', from: -420 },
    { person: 'hector-jimenez', org: 'ECAS', college: 'entity', role: 'member', from: -700, to: -400, endReason: 'Relleu dins ECAS.' },
  ],
  reports: [
    {
      kind: 'periodic', from: -700, to: -611, filedAfter: 7, by: 'carme-llobet',
      progress: "Revisats 18 plecs del 2023 amb el Departament de Contractació: 11 tenien clàusules socials, però només en 4 se'n comprovava el compliment.",
      nextSteps: 'Redactar el primer esborrany del catàleg de clàusules.', blockers: '',
    },
    {
      kind: 'periodic', from: -610, to: -521, filedAfter: 5, by: 'david-ortega',
      progress: "Primer esborrany del catàleg (32 clàusules) i recull de pràctiques de Saragossa, València i Pamplona.",
      nextSteps: "Contrastar el catàleg amb FEICAT i Dincat pel que fa a la reserva de contractes.", blockers: '',
    },
    {
      kind: 'periodic', from: -520, to: -431, filedAfter: 8, by: 'carme-llobet',
      progress: 'Catàleg contrastat; proposta de reservar un 10 % dels contractes de serveis a empreses d’inserció i centres especials de treball.',
      nextSteps: "Portar la proposta de reserva a la trobada general.", blockers: "El Departament de Contractació demana un informe jurídic abans d'opinar.",
    },
    {
      kind: 'periodic', from: -430, to: -341, filedAfter: 10, by: 'carme-llobet',
      progress: "La trobada general ha contrastat la proposta de reserva. Informe jurídic encarregat.",
      nextSteps: 'Guia per a entitats que volen licitar.', blockers: "L'informe jurídic s'endarrereix.",
    },
    {
      kind: 'periodic', from: -340, to: -251, filedAfter: 9, by: 'david-ortega',
      progress: "Informe jurídic favorable. Dos lots de neteja d'equipaments ja s'han licitat amb les noves clàusules.",
      nextSteps: 'Acabar la guia i fer el seguiment de les dues licitacions.', blockers: '',
    },
    {
      kind: 'periodic', from: -250, to: -121, filedAfter: 6, by: 'carme-llobet',
      progress: 'Guia per a entitats redactada; la revisió dels plecs per part del Departament va amb retard i el grup motor ha allargat el grup fins que acabi.',
      nextSteps: "Retorn del Departament sobre la guia; informe de seguiment de les dues licitacions.", blockers: 'Retard en la revisió dels plecs.',
    },
    {
      kind: 'periodic', from: -120, to: -31, filedAfter: 4, by: 'carme-llobet',
      progress: "Retorn rebut: 27 de les 32 clàusules s'incorporen al model de plec municipal. Seguiment de les licitacions: 3 cooperatives adjudicatàries.",
      nextSteps: 'Informe final i proposta de continuïtat a la trobada general.', blockers: '',
    },
  ],
  joinRequests: [
    { person: 'member-coopolis', org: 'Coòpolis', state: 'pending', on: -8, statement: "Coòpolis acompanya cooperatives que volen licitar; volem aportar-hi el que hem après en els itineraris de l'ateneu." },
    {
      person: 'sergio-vidal', org: null, state: 'pending', on: -20,
      statement: 'Advocat especialitzat en contractació pública. He assessorat cooperatives en licitacions i recursos especials i puc ajudar a revisar el catàleg de clàusules.',
    },
  ],
};

const ETHICAL_FINANCE: DemoWorkingGroup = {
  slug: 'financament-etic',
  name: { ca: 'Finançament ètic i solidari', es: 'Financiación ética y solidaria', en: 'Ethical and solidarity finance' },
  purpose: {
    ca: "Que les entitats de l'ESS tinguin accés a finançament adequat, amb la banca ètica, el finançament col·lectiu i les monedes socials.",
    es: 'Que las entidades de la ESS tengan acceso a financiación adecuada, con la banca ética, la financiación colectiva y las monedas sociales.',
    en: 'Give social and solidarity economy organisations access to suitable finance, through ethical banking, crowdfunding and social currencies.',
  },
  charter: {
    objectives: {
      ca: "Fer un mapa de les necessitats de finançament de les entitats i de l'oferta de finances ètiques; proposar un fons municipal de garanties per a préstecs de la banca ètica; estudiar les monedes socials com a eina de mercat social.",
      es: 'Hacer un mapa de las necesidades de financiación de las entidades y de la oferta de finanzas éticas; proponer un fondo municipal de garantías para préstamos de la banca ética; estudiar las monedas sociales como herramienta de mercado social.',
      en: 'Map the finance needs of organisations and what ethical finance offers; propose a municipal guarantee fund for ethical-bank loans; study social currencies as a tool of the social market.',
    },
    method: {
      ca: 'Enquesta a les entitats, entrevistes amb Coop57 i Fiare, i dues sessions de contrast obertes.',
      es: 'Encuesta a las entidades, entrevistas con Coop57 y Fiare, y dos sesiones de contraste abiertas.',
      en: 'A survey of organisations, interviews with Coop57 and Fiare, and two open contrast sessions.',
    },
    cadence: {
      ca: 'Una reunió al mes, alternant en línia i presencial.',
      es: 'Una reunión al mes, alternando en línea y presencial.',
      en: 'One meeting a month, alternately online and in person.',
    },
    deliverables: {
      ca: 'Mapa de necessitats i oferta; proposta de fons de garanties; informe sobre monedes socials.',
      es: 'Mapa de necesidades y oferta; propuesta de fondo de garantías; informe sobre monedas sociales.',
      en: 'A map of needs and supply; a guarantee-fund proposal; a report on social currencies.',
    },
  },
  state: 'proposed',
  open: true,
  proposedBy: 'eulalia-grifoll',
  proposedFor: 'Coop57',
  startsOn: null,
  sunsetOn: 540,
  reportIntervalDays: 90,
  position: 3,
  decisions: [{ action: 'proposed', on: -12, by: 'eulalia-grifoll' }],
  mandates: [],
  reports: [],
  joinRequests: [],
};

const COOPERATIVE_HOUSING: DemoWorkingGroup = {
  slug: 'habitatge-cooperatiu',
  name: { ca: "Habitatge cooperatiu en cessió d'ús", es: 'Vivienda cooperativa en cesión de uso', en: 'Co-operative housing (right of use)' },
  purpose: {
    ca: "Propostes perquè el model d'habitatge cooperatiu en cessió d'ús creixi a la ciutat.",
    es: 'Propuestas para que el modelo de vivienda cooperativa en cesión de uso crezca en la ciudad.',
    en: 'Proposals to grow the model of co-operative housing with right of use in the city.',
  },
  charter: {
    objectives: {
      ca: "Identificar els obstacles de les cooperatives d'habitatge en cessió d'ús (sòl, finançament, tràmits) i proposar mesures per al Pla d'Impuls.",
      es: 'Identificar los obstáculos de las cooperativas de vivienda en cesión de uso (suelo, financiación, trámites) y proponer medidas para el Plan de Impulso.',
      en: 'Identify the obstacles co-operative housing projects meet (land, finance, procedures) and propose measures for the Impulse Plan.',
    },
    method: {
      ca: 'Estudi de casos de cinc cooperatives en marxa i taules de treball amb els serveis municipals d’habitatge.',
      es: 'Estudio de casos de cinco cooperativas en marcha y mesas de trabajo con los servicios municipales de vivienda.',
      en: "Case studies of five running co-operatives and working tables with the council's housing services.",
    },
    cadence: {
      ca: 'Una reunió al mes, el darrer dimecres.',
      es: 'Una reunión al mes, el último miércoles.',
      en: 'One meeting a month, on the last Wednesday.',
    },
    deliverables: {
      ca: 'Informe de casos; proposta de mesures; informe final.',
      es: 'Informe de casos; propuesta de medidas; informe final.',
      en: 'A case report; proposed measures; a final report.',
    },
  },
  state: 'closing',
  open: false,
  proposedBy: 'clara-miro',
  proposedFor: 'FCHC',
  startsOn: -560,
  sunsetOn: -10,
  reportIntervalDays: 120,
  position: 4,
  decisions: [
    { action: 'proposed', on: -580, by: 'clara-miro' },
    { action: 'approved', on: -561, by: 'carles-nogue' },
    { action: 'closing', on: -9, by: 'delegate-xes', reason: "Ha arribat a la data de tancament; el grup prepara l'informe final." },
  ],
  mandates: [
    { person: 'clara-miro', org: 'FCHC', college: 'entity', role: 'coordinator', from: -560 },
    { person: 'lluis-sendra', org: 'LaCol', college: 'entity', role: 'coordinator', from: -560 },
    { person: 'alex-bonet', org: 'FCHC', college: 'entity', role: 'member', from: -560 },
    { person: 'noelia-castro', org: 'La Traginera', college: 'entity', role: 'member', from: -500 },
    { person: 'dolors-figueras', org: null, college: 'trajectory', role: 'member', from: -560 },
    { person: 'cristina-almirall', org: null, college: 'expert', role: 'member', from: -460 },
  ],
  reports: [
    {
      kind: 'periodic', from: -560, to: -441, filedAfter: 10, by: 'clara-miro',
      progress: 'Estudi de casos de cinc cooperatives en curs; entrevistes fetes a tres.',
      nextSteps: 'Acabar les entrevistes i preparar la taula amb els serveis d’habitatge.', blockers: '',
    },
    {
      kind: 'periodic', from: -440, to: -321, filedAfter: 12, by: 'lluis-sendra',
      progress: "Informe de casos acabat. Primera taula amb els serveis d'habitatge: el principal obstacle és l'accés al sòl.",
      nextSteps: "Proposta de mesures sobre el dret de superfície de solars municipals.", blockers: '',
    },
    {
      kind: 'periodic', from: -320, to: -201, filedAfter: 8, by: 'clara-miro',
      progress: 'Proposta de 9 mesures lliurada al Comissionat i contrastada a la trobada general.',
      nextSteps: "Seguiment de les mesures incorporades al Pla d'Impuls.", blockers: '',
    },
    {
      kind: 'periodic', from: -200, to: -41, filedAfter: 11, by: 'clara-miro',
      progress: "5 de les 9 mesures són al Pla d'Impuls; la convocatòria de solars en dret de superfície s'ha publicat.",
      nextSteps: 'Informe final.', blockers: '',
    },
  ],
  joinRequests: [],
};

const DIGITAL_COMMONS: DemoWorkingGroup = {
  slug: 'procomuns-digitals',
  name: { ca: 'Procomuns digitals', es: 'Procomunes digitales', en: 'Digital commons' },
  purpose: {
    ca: "Eines digitals lliures per a les entitats de l'ESS i criteris de compra pública de programari lliure.",
    es: 'Herramientas digitales libres para las entidades de la ESS y criterios de compra pública de software libre.',
    en: 'Free digital tools for social economy organisations and criteria for the public purchase of free software.',
  },
  charter: {
    objectives: {
      ca: "Un catàleg d'eines digitals lliures per a entitats i una proposta de criteris de compra pública de programari lliure.",
      es: 'Un catálogo de herramientas digitales libres para entidades y una propuesta de criterios de compra pública de software libre.',
      en: 'A catalogue of free digital tools for organisations and a proposal of criteria for the public purchase of free software.',
    },
    method: {
      ca: 'Tallers oberts amb entitats usuàries i proveïdores del procomú.',
      es: 'Talleres abiertos con entidades usuarias y proveedoras del procomún.',
      en: 'Open workshops with organisations that use and build the commons.',
    },
    cadence: {
      ca: 'Una reunió cada sis setmanes.',
      es: 'Una reunión cada seis semanas.',
      en: 'A meeting every six weeks.',
    },
    deliverables: {
      ca: 'Catàleg d’eines; criteris de compra pública; informe final.',
      es: 'Catálogo de herramientas; criterios de compra pública; informe final.',
      en: 'A catalogue of tools; public purchasing criteria; a final report.',
    },
  },
  state: 'closed',
  open: false,
  proposedBy: 'iker-goikoetxea',
  proposedFor: 'Goteo',
  startsOn: -900,
  sunsetOn: -200,
  reportIntervalDays: 120,
  position: 5,
  decisions: [
    { action: 'proposed', on: -920, by: 'iker-goikoetxea' },
    { action: 'approved', on: -901, by: 'carles-nogue' },
    { action: 'closing', on: -230, by: 'delegate-xes', reason: 'El grup ha lliurat el catàleg i els criteris; prepara l’informe final.' },
    { action: 'closed', on: -170, by: 'delegate-xes', reason: 'Informe final rebut i presentat a la trobada general.' },
  ],
  mandates: [
    { person: 'iker-goikoetxea', org: 'Goteo', college: 'entity', role: 'coordinator', from: -900, to: -170, endReason: 'Tancament del grup.' },
    { person: 'berta-oliver', org: 'femProcomuns', college: 'entity', role: 'coordinator', from: -900, to: -170, endReason: 'Tancament del grup.' },
    { person: 'sam-ortiz', org: 'FKI', college: 'entity', role: 'member', from: -900, to: -170, endReason: 'Tancament del grup.' },
    { person: 'pau-riera', org: 'Pangea', college: 'entity', role: 'member', from: -850, to: -170, endReason: 'Tancament del grup.' },
    { person: 'ona-bartra', org: null, college: 'non_articulated', role: 'member', from: -850, to: -170, endReason: 'Tancament del grup.' },
  ],
  reports: [
    {
      kind: 'periodic', from: -900, to: -781, filedAfter: 9, by: 'iker-goikoetxea',
      progress: 'Tres tallers fets amb 30 entitats; llista de 60 eines candidates.',
      nextSteps: 'Criteris per triar les eines del catàleg.', blockers: '',
    },
    {
      kind: 'periodic', from: -780, to: -541, filedAfter: 14, by: 'berta-oliver',
      progress: "Catàleg de 25 eines lliures publicat, amb fitxes d'ús per a entitats.",
      nextSteps: 'Criteris de compra pública de programari lliure.', blockers: '',
    },
    {
      kind: 'periodic', from: -540, to: -301, filedAfter: 10, by: 'iker-goikoetxea',
      progress: "Criteris de compra pública redactats i contrastats amb l'Institut Municipal d'Informàtica.",
      nextSteps: 'Informe final.', blockers: '',
    },
    {
      kind: 'final', from: -900, to: -230, filedAfter: 55, by: 'berta-oliver',
      progress: "Lliurats el catàleg d'eines i els criteris de compra pública; l'Ajuntament n'ha incorporat 6 a la seva guia de contractació TIC.",
      nextSteps: 'El manteniment del catàleg passa a femProcomuns.', blockers: '',
    },
  ],
  joinRequests: [],
};

const SOCIAL_CURRENCIES: DemoWorkingGroup = {
  slug: 'monedes-socials',
  name: { ca: 'Monedes socials', es: 'Monedas sociales', en: 'Social currencies' },
  purpose: {
    ca: 'Estudiar una moneda social de ciutat per al mercat social.',
    es: 'Estudiar una moneda social de ciudad para el mercado social.',
    en: 'Study a city-wide social currency for the social market.',
  },
  charter: {
    objectives: {
      ca: "Valorar si una moneda social de ciutat reforçaria el consum a les entitats de l'ESS.",
      es: 'Valorar si una moneda social de ciudad reforzaría el consumo en las entidades de la ESS.',
      en: 'Assess whether a city-wide social currency would strengthen spending in social economy organisations.',
    },
    method: {
      ca: 'Estudi de les experiències existents i sessions amb comerços.',
      es: 'Estudio de las experiencias existentes y sesiones con comercios.',
      en: 'A study of existing experiences and sessions with shops.',
    },
    cadence: { ca: 'Una reunió al mes.', es: 'Una reunión al mes.', en: 'One meeting a month.' },
    deliverables: {
      ca: 'Informe de viabilitat.',
      es: 'Informe de viabilidad.',
      en: 'A feasibility report.',
    },
  },
  state: 'declined',
  open: true,
  proposedBy: 'biel-mestres',
  proposedFor: null,
  startsOn: null,
  sunsetOn: 330,
  reportIntervalDays: 90,
  position: 6,
  decisions: [
    { action: 'proposed', on: -300, by: 'biel-mestres' },
    {
      action: 'declined', on: -285, by: 'delegate-xes',
      reason: 'Se solapa amb la proposta de finançament ètic que s’està preparant: el grup motor proposa incloure-hi les monedes socials com a línia de treball.',
    },
  ],
  mandates: [],
  reports: [],
  joinRequests: [],
};

/** The demo's working groups, under the plenary, in the order they are listed. */
export const DEMO_WORKING_GROUPS: readonly DemoWorkingGroup[] = [
  COMMUNICATION,
  PUBLIC_PROCUREMENT,
  ETHICAL_FINANCE,
  COOPERATIVE_HOUSING,
  DIGITAL_COMMONS,
  SOCIAL_CURRENCIES,
];
