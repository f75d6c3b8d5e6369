/**
 * What the demo space's meetings hold: three past general meetings of the plenary (two with
 * approved minutes, the last with its minutes circulated and on the agenda of the next one), a
 * steering-group meeting two weeks ago with circulated minutes and an objection, a working
 * group's meeting held and another's convened, the next general meeting convened with answers,
 * and a draft. People are the bodies' demo people (by key), organisations the directory's (by
 * short name). `seed.ts` writes it.
 *
 * Days are relative to the day the demo is loaded (negative: past), moved to the `weekday` the
 * body meets on; action items' due and done days are relative to the day of loading too, so a
 * demo loaded any day has actions done, open and overdue.
 */
import type { Translatable } from '../../kernel/i18n/translatable.js';
import type { College } from '../bodies/tables.js';
import type { ActionState, AgendaKind, Answer, MeetingFormat, MeetingKind, MeetingState } from './tables.js';

export interface DemoAction {
  title: string;
  /** A person key, or an organisation short name (exactly one). */
  person?: string;
  org?: string;
  /** Days from the day of loading. */
  due: number;
  state: ActionState;
  /** Days from the day of loading (done only). */
  doneOn?: number;
}

export interface DemoAgreement {
  text: Translatable;
  method: 'consensus' | 'vote';
  /** A vote: who voted against and who abstained (person keys); every other member present voted in favour. */
  against?: string[];
  abstained?: string[];
  actions: DemoAction[];
}

export interface DemoAgendaItem {
  kind: AgendaKind;
  title: Translatable;
  description: string;
  presenter: string;
  minutes: number;
  /** The minutes' summary of the deliberation on this item (held meetings). */
  deliberation?: string;
  /** This item approves the minutes of that meeting (key): its title is built from that meeting's. */
  approves?: string;
  /** Records it points at: a working group (by slug), or its latest report filed at least `reportBefore` days before the meeting. */
  links?: Array<{ type: 'body'; slug: string } | { type: 'body_report'; slug: string }>;
  agreements?: DemoAgreement[];
}

export interface DemoMinutes {
  state: 'draft' | 'circulated' | 'approved';
  summary: string;
  /** Wall-clock times the session actually started and ended. */
  started: string;
  ended: string;
  /** Days after the meeting the minutes were circulated. */
  circulatedAfter?: number;
  /** Days after the meeting objections were accepted until; or `fromToday` days from the day of loading. */
  objectionsAfter?: number;
  objectionsFromToday?: number;
  /** The meeting (key) whose session approved them. */
  approvedIn?: string;
  objections?: Array<{ person: string; text: string; daysAgo: number }>;
}

export interface DemoAttendance {
  /** Members (person keys) who did not come. */
  absent: string[];
  /** An alternate (person key) standing in for a member who did not come. */
  alternates?: Array<{ member: string; alternate: string }>;
  /** Guests: they speak, they do not count for quorum. */
  guests?: Array<{ person: string; org: string | null; college: College }>;
}

export interface DemoMeeting {
  key: string;
  /** Body slug. */
  body: string;
  kind: MeetingKind;
  format: MeetingFormat;
  state: MeetingState;
  title: Translatable;
  description: string;
  /** Days from the day of loading, moved to the nearest `weekday` (1 Monday … 5 Friday). */
  day: number;
  weekday: number;
  start: string;
  end: string;
  place: string | null;
  onlineUrl: string | null;
  /** Days before the meeting it was convened (past meetings). */
  convenedBefore?: number;
  /** Days from the day of loading it was convened (upcoming meetings: always in the past, whatever weekday the meeting moves to). */
  convenedOn?: number;
  /** Days before the meeting (or its convening) it was created. */
  createdBefore: number;
  createdBy: string;
  items: DemoAgendaItem[];
  attendance?: DemoAttendance;
  minutes?: DemoMinutes;
  answers?: Array<{ person: string; answer: Answer; alternate?: string; via: 'site' | 'link'; hoursAfterNotice: number }>;
  dossier?: Array<{ title: string; url: string; item?: number }>;
}

/** A general meeting's title is built from its season and year (`seed.ts`). */
export const GENERAL_MEETING: Translatable = { ca: '', es: '', en: '' };

const CAN_BATLLO = 'Can Batlló, Espai Comunitari del Bloc Onze (carrer de la Constitució, 19), Barcelona';
const COOPOLIS = 'Coòpolis, Ateneu Cooperatiu de Barcelona (Bloc 4 de Can Batlló, carrer de la Constitució, 19), Barcelona';
const BARCELONA_ACTIVA = 'Barcelona Activa, sala d’actes de Porta22 (carrer de Llacuna, 162), Barcelona';
const FABRA_I_COATS = 'Fabra i Coats, Fàbrica de Creació, sala polivalent (carrer de Sant Adrià, 20), Barcelona';

/** The first item of a general meeting: approving the minutes of `meeting` (its title is built from that meeting's). */
const MINUTES_APPROVAL = (meeting: string, held: boolean): DemoAgendaItem => ({
  kind: 'decision',
  approves: meeting,
  title: { ca: '', es: '', en: '' },
  description: "L'acta s'ha fet arribar a totes les persones membres; les objeccions rebudes s'hi han incorporat.",
  presenter: 'Teresa Grau i Ribas (secretaria tècnica)',
  minutes: 5,
  ...(held ? { deliberation: "S'aprova l'acta sense esmenes." } : {}),
});

const OPEN_FLOOR: DemoAgendaItem = {
  kind: 'information',
  title: { ca: 'Torn obert de paraules', es: 'Turno abierto de palabra', en: 'Open floor' },
  description: 'Informacions breus de les entitats i les persones membres.',
  presenter: 'Presidència',
  minutes: 15,
  deliberation: "Diverses entitats informen d'activitats obertes; la secretaria en recollirà el calendari per al butlletí.",
};

/** The plenary (Àmbit Participat), the steering group and two working groups, oldest first. */
export const DEMO_MEETINGS: readonly DemoMeeting[] = [
  // ---- Plenary: autumn of the past year ------------------------------------------------------
  {
    key: 'plenary-1',
    body: 'ambit-participat',
    kind: 'ordinary',
    format: 'in_person',
    state: 'held',
    title: GENERAL_MEETING,
    description: "Trobada general ordinària de l'Àmbit Participat de l'Economia Social i Solidària de Barcelona. Hi haurà servei d'acollida d'infants: cal avisar la secretaria tres dies abans.",
    day: -400,
    weekday: 3,
    start: '18:00',
    end: '20:30',
    place: CAN_BATLLO,
    onlineUrl: null,
    convenedBefore: 14,
    createdBefore: 6,
    createdBy: 'admin',
    items: [
      {
        kind: 'information',
        title: { ca: "Benvinguda i estat de l'Àmbit Participat", es: 'Bienvenida y estado del Ámbito Participado', en: 'Welcome and state of the participatory space' },
        description: 'Composició actual per col·legis, entitats representatives reconegudes aquest any i funcionament dels grups de treball.',
        presenter: 'Rosa Vallès i Mir (Comissionat ESS)',
        minutes: 20,
        deliberation: "La presidència presenta la composició per col·legis, les entitats representatives i els quatre grups de treball actius. Es destaca l'entrada de persones de les economies no articulades.",
      },
      {
        kind: 'information',
        title: { ca: "Balanç del Pla d'Impuls de l'ESS", es: 'Balance del Plan de Impulso de la ESS', en: 'Review of the SSE Impulse Plan' },
        description: "Estat de les mesures del Pla d'Impuls a un any del seu tancament.",
        presenter: 'Elena Martí i Pujol (Comissionat ESS)',
        minutes: 30,
        deliberation: "El Comissionat informa que el 78 % de les mesures estan assolides o en curs. La XES i l'FCTC demanen que l'avaluació final es contrasti amb l'Àmbit abans de publicar-la.",
      },
      {
        kind: 'decision',
        title: { ca: 'Proposta de reserva de contractes', es: 'Propuesta de reserva de contratos', en: 'Proposal on reserved contracts' },
        description: "El grup de Contractació pública responsable proposa reservar un 10 % dels contractes de serveis municipals a empreses d'inserció i centres especials de treball.",
        presenter: 'David Ortega Navarro (FCTC), coordinador del grup de treball',
        minutes: 45,
        deliberation: "El grup presenta el catàleg contrastat i la proposta de reserva. FEICAT i Dincat hi donen suport; la Confederació demana que la reserva no perjudiqui les entitats de serveis a les persones. El Comissionat recorda que cal un informe jurídic.",
        links: [{ type: 'body', slug: 'contractacio-publica' }, { type: 'body_report', slug: 'contractacio-publica' }],
        agreements: [
          {
            text: {
              ca: "L'Àmbit Participat dona suport a la proposta de reservar un 10 % dels contractes de serveis municipals a empreses d'inserció i centres especials de treball, i demana a l'Ajuntament un informe jurídic abans de portar-la al Consell Municipal.",
              es: 'El Ámbito Participado apoya la propuesta de reservar un 10 % de los contratos de servicios municipales a empresas de inserción y centros especiales de empleo, y pide al Ayuntamiento un informe jurídico antes de llevarla al Consejo Municipal.',
              en: 'The participatory space supports the proposal to reserve 10% of municipal service contracts for insertion enterprises and special employment centres, and asks the council for a legal report before taking it to the City Council.',
            },
            method: 'vote',
            against: ['lucia-fernandez'],
            abstained: ['isabel-moreno', 'jorge-medina', 'pere-aymerich'],
            actions: [
              { title: 'Trametre la proposta de reserva al Departament de Contractació', org: 'Comissionat ESS', due: -370, state: 'done', doneOn: -378 },
              { title: "Encarregar l'informe jurídic sobre la reserva de contractes", person: 'official', due: -340, state: 'done', doneOn: -352 },
            ],
          },
        ],
      },
      {
        kind: 'decision',
        title: { ca: 'Calendari de trobades generals', es: 'Calendario de encuentros generales', en: 'Calendar of general meetings' },
        description: 'Proposta del grup motor: dues trobades generals ordinàries a l’any, a la primavera i a la tardor.',
        presenter: 'Jordi Casals i Vidal (XES), grup motor',
        minutes: 15,
        deliberation: 'Hi ha acord a mantenir dues trobades ordinàries i a alternar-ne els espais entre districtes.',
        agreements: [
          {
            text: {
              ca: "L'Àmbit Participat es reunirà en trobada general ordinària dues vegades l'any, a la primavera i a la tardor, en espais de districtes diferents i amb servei d'acollida d'infants.",
              es: 'El Ámbito Participado se reunirá en encuentro general ordinario dos veces al año, en primavera y en otoño, en espacios de distritos distintos y con servicio de acogida de niños.',
              en: 'The participatory space will hold an ordinary general meeting twice a year, in spring and autumn, in venues in different districts and with childcare.',
            },
            method: 'consensus',
            actions: [{ title: 'Publicar el calendari de trobades al web de l’Àmbit', person: 'admin', due: -380, state: 'done', doneOn: -395 }],
          },
        ],
      },
      OPEN_FLOOR,
    ],
    attendance: {
      absent: ['josep-maria-codina', 'antoni-ribe', 'ona-bartra', 'marta-quintana', 'alex-bonet', 'francesc-rovira', 'alba-serrano'],
      alternates: [{ member: 'alba-serrano', alternate: 'kai-domenech' }],
      guests: [{ person: 'carme-llobet', org: 'LabCoop', college: 'entity' }],
    },
    minutes: {
      state: 'approved',
      summary: "La presidenta obre la sessió a les 18.10 h amb quòrum suficient. Actua de secretària Teresa Grau i Ribas. Assisteix com a convidada Carme Llobet i Puig (LabCoop), coordinadora del grup de Contractació pública responsable.",
      started: '18:10',
      ended: '20:35',
      circulatedAfter: 9,
      objectionsAfter: 23,
      approvedIn: 'plenary-2',
    },
  },

  // ---- Plenary: spring ---------------------------------------------------------------------
  {
    key: 'plenary-2',
    body: 'ambit-participat',
    kind: 'ordinary',
    format: 'in_person',
    state: 'held',
    title: GENERAL_MEETING,
    description: "Trobada general ordinària. L'espai és accessible; hi haurà interpretació en llengua de signes si algú ho demana a la secretaria.",
    day: -225,
    weekday: 3,
    start: '18:00',
    end: '20:30',
    place: COOPOLIS,
    onlineUrl: null,
    convenedBefore: 15,
    createdBefore: 5,
    createdBy: 'admin',
    items: [
      MINUTES_APPROVAL('plenary-1', true),
      {
        kind: 'information',
        title: { ca: 'Informe del grup motor', es: 'Informe del grupo motor', en: 'Report of the steering group' },
        description: 'Activitat del grup motor des de la darrera trobada i seguiment dels acords.',
        presenter: 'Jordi Casals i Vidal (XES)',
        minutes: 20,
        deliberation: "El grup motor s'ha reunit cinc vegades. Els dos acords de la trobada de tardor estan complerts; l'informe jurídic sobre la reserva de contractes és favorable.",
      },
      {
        kind: 'deliberation',
        title: { ca: "Prioritats de l'Àmbit per al nou Pla d'Impuls de l'ESS", es: 'Prioridades del Ámbito para el nuevo Plan de Impulso de la ESS', en: 'Priorities of the participatory space for the new SSE Impulse Plan' },
        description: "Debat en grups petits sobre les prioritats que l'Àmbit vol veure al nou pla, a partir de la diagnosi compartida.",
        presenter: 'Elena Martí i Pujol (Comissionat ESS) i Núria Bosch i Camps',
        minutes: 60,
        deliberation: "Es treballa en quatre grups. Prioritats més repetides: accés a local i habitatge cooperatiu, contractació pública responsable, finançament ètic i visibilitat del sector als barris. Les economies comunitàries demanen indicadors propis.",
        agreements: [
          {
            text: {
              ca: "L'Àmbit Participat fixa com a prioritats per al nou Pla d'Impuls l'accés a local i a habitatge cooperatiu, la contractació pública responsable, el finançament ètic i la presència de l'ESS als barris, i encarrega un document de prioritats que es contrastarà amb les federacions.",
              es: 'El Ámbito Participado fija como prioridades para el nuevo Plan de Impulso el acceso a local y a vivienda cooperativa, la contratación pública responsable, la financiación ética y la presencia de la ESS en los barrios, y encarga un documento de prioridades que se contrastará con las federaciones.',
              en: 'The participatory space sets as priorities for the new Impulse Plan access to premises and co-operative housing, responsible public procurement, ethical finance and the presence of the SSE in the neighbourhoods, and commissions a priorities paper to be contrasted with the federations.',
            },
            method: 'consensus',
            actions: [
              { title: 'Recollir les aportacions de les federacions al document de prioritats', org: 'XES', due: -150, state: 'done', doneOn: -158 },
              { title: 'Redactar el document de prioritats per al nou Pla d’Impuls', person: 'trajectory', due: -45, state: 'in_progress' },
            ],
          },
        ],
      },
      {
        kind: 'decision',
        title: { ca: 'Campanya conjunta per a la Fira d’Economia Solidària', es: 'Campaña conjunta para la Feria de Economía Solidaria', en: 'Joint campaign for the Solidarity Economy Fair' },
        description: 'El grup de Comunicació presenta el kit de comunicació i la proposta de campanya conjunta.',
        presenter: 'Júlia Pons i Ferran (La Ciutat Invisible), coordinadora del grup de treball',
        minutes: 30,
        deliberation: "El kit s'ha descarregat 40 vegades. Es proposa que totes les entitats de l'Àmbit el difonguin i que la campanya tingui una versió en anglès.",
        links: [{ type: 'body', slug: 'comunicacio' }],
        agreements: [
          {
            text: {
              ca: "L'Àmbit Participat fa seva la campanya conjunta del grup de Comunicació per a la Fira d'Economia Solidària i es compromet a difondre el kit de comunicació entre les entitats sòcies.",
              es: 'El Ámbito Participado hace suya la campaña conjunta del grupo de Comunicación para la Feria de Economía Solidaria y se compromete a difundir el kit de comunicación entre las entidades socias.',
              en: "The participatory space adopts the Communication group's joint campaign for the Solidarity Economy Fair and undertakes to spread the communication kit among member organisations.",
            },
            method: 'consensus',
            actions: [
              { title: 'Difondre el kit de comunicació entre les cooperatives federades', org: 'FCTC', due: -180, state: 'done', doneOn: -190 },
              { title: 'Difondre el kit de comunicació entre les entitats del tercer sector', org: 'Taula Tercer Sector', due: -180, state: 'dropped' },
            ],
          },
        ],
      },
      {
        kind: 'decision',
        title: { ca: 'Renovació del grup motor', es: 'Renovación del grupo motor', en: 'Renewal of the steering group' },
        description: 'Proposta de criteris per renovar el grup motor: mandats de dos anys, una persona per organització i paritat de gènere.',
        presenter: 'Teresa Grau i Ribas (secretaria tècnica)',
        minutes: 25,
        deliberation: "Es debat si cal limitar els mandats consecutius. S'acorda no limitar-los però revisar-ho d'aquí a dos anys. Es vota la proposta.",
        agreements: [
          {
            text: {
              ca: "El grup motor es renovarà cada dos anys, amb una persona per organització, paritat de gènere i com a mínim una persona de cada col·legi que no sigui el d'entitats.",
              es: 'El grupo motor se renovará cada dos años, con una persona por organización, paridad de género y como mínimo una persona de cada colegio que no sea el de entidades.',
              en: 'The steering group will be renewed every two years, with one person per organisation, gender parity and at least one person from each college other than the organisations’.',
            },
            method: 'vote',
            against: ['hector-jimenez', 'ramon-pujades'],
            abstained: ['merce-sola', 'nil-ventura'],
            actions: [{ title: 'Incorporar els criteris de renovació al reglament de funcionament', person: 'admin', due: -120, state: 'done', doneOn: -131 }],
          },
        ],
      },
      OPEN_FLOOR,
    ],
    attendance: {
      absent: ['pere-aymerich', 'anna-castells', 'cristina-almirall', 'jaume-torrents', 'delegate-xes', 'sergi-campmany'],
      alternates: [{ member: 'delegate-xes', alternate: 'kai-domenech' }],
      guests: [{ person: 'julia-pons', org: 'La Ciutat Invisible', college: 'entity' }],
    },
    minutes: {
      state: 'approved',
      summary: "La presidenta obre la sessió a les 18.05 h amb quòrum suficient. Actua de secretària Teresa Grau i Ribas. Kai Domènech i Vives supleix Jordi Casals i Vidal (XES). Assisteix com a convidada Júlia Pons i Ferran (La Ciutat Invisible).",
      started: '18:05',
      ended: '20:40',
      circulatedAfter: 8,
      objectionsAfter: 22,
      approvedIn: 'plenary-3',
    },
  },

  // ---- Plenary: autumn (minutes circulated, approved at the next one) ------------------------
  {
    key: 'plenary-3',
    body: 'ambit-participat',
    kind: 'ordinary',
    format: 'hybrid',
    state: 'held',
    title: GENERAL_MEETING,
    description: 'Trobada general ordinària, presencial i en línia. Les persones que hi participin en línia poden intervenir i votar.',
    day: -63,
    weekday: 3,
    start: '17:30',
    end: '20:00',
    place: BARCELONA_ACTIVA,
    onlineUrl: 'https://meet.jit.si/ambit-participat-ess-bcn',
    convenedBefore: 13,
    createdBefore: 4,
    createdBy: 'admin',
    items: [
      MINUTES_APPROVAL('plenary-2', true),
      {
        kind: 'information',
        title: { ca: 'Seguiment dels acords i de les accions pendents', es: 'Seguimiento de los acuerdos y de las acciones pendientes', en: 'Follow-up of agreements and pending actions' },
        description: 'Estat de les accions acordades a les dues darreres trobades.',
        presenter: 'Teresa Grau i Ribas (secretaria tècnica)',
        minutes: 15,
        deliberation: "Totes les accions estan fetes menys el document de prioritats, que va amb retard, i la difusió del kit entre el tercer sector, que la Taula ha desestimat perquè ja en fa una campanya pròpia.",
      },
      {
        kind: 'decision',
        title: { ca: 'Informe final del grup de Contractació pública responsable', es: 'Informe final del grupo de Contratación pública responsable', en: 'Final report of the Responsible public procurement group' },
        description: 'El grup acaba el seu mandat: resultats, clàusules incorporades al model de plec municipal i proposta de continuïtat.',
        presenter: 'Carme Llobet i Puig (LabCoop) i David Ortega Navarro (FCTC)',
        minutes: 40,
        deliberation: "27 de les 32 clàusules proposades s'han incorporat al model de plec municipal i tres cooperatives han estat adjudicatàries. El grup proposa un grup de seguiment de la seva aplicació. Es vota.",
        links: [{ type: 'body', slug: 'contractacio-publica' }, { type: 'body_report', slug: 'contractacio-publica' }],
        agreements: [
          {
            text: {
              ca: "L'Àmbit Participat valora positivament la feina del grup de Contractació pública responsable i encarrega al grup motor que estudiï la creació d'un grup de seguiment de l'aplicació de les clàusules socials i ambientals.",
              es: 'El Ámbito Participado valora positivamente el trabajo del grupo de Contratación pública responsable y encarga al grupo motor que estudie la creación de un grupo de seguimiento de la aplicación de las cláusulas sociales y ambientales.',
              en: 'The participatory space values the work of the Responsible public procurement group and asks the steering group to consider a follow-up group on how the social and environmental clauses are applied.',
            },
            method: 'vote',
            against: [],
            abstained: ['xavier-nadal', 'dolors-figueras'],
            actions: [
              { title: 'Presentar al grup motor la proposta de grup de seguiment de les clàusules', person: 'david-ortega', due: 10, state: 'in_progress' },
              { title: "Publicar l'informe final del grup i el catàleg de clàusules", org: 'BA Altres Economies', due: -30, state: 'done', doneOn: -40 },
            ],
          },
        ],
      },
      {
        kind: 'deliberation',
        title: { ca: "Aportacions a la mesura de govern d'habitatge cooperatiu", es: 'Aportaciones a la medida de gobierno de vivienda cooperativa', en: 'Contributions to the co-operative housing government measure' },
        description: "Recollida d'aportacions a l'esborrany de mesura de govern sobre habitatge cooperatiu en cessió d'ús.",
        presenter: 'Clara Miró i Estany (FCHC)',
        minutes: 40,
        deliberation: "L'FCHC presenta l'esborrany. Es demana ampliar el dret de superfície a 99 anys, incloure-hi les cooperatives d'habitatge en masoveria urbana i garantir-hi finançament ètic. Hi ha consens en les aportacions.",
        links: [{ type: 'body', slug: 'habitatge-cooperatiu' }],
        agreements: [
          {
            text: {
              ca: "L'Àmbit Participat demana que la mesura de govern d'habitatge cooperatiu amplii el dret de superfície a 99 anys, inclogui la masoveria urbana i prevegi línies de finançament ètic, i trasllada aquestes aportacions a l'Àrea d'Habitatge.",
              es: 'El Ámbito Participado pide que la medida de gobierno de vivienda cooperativa amplíe el derecho de superficie a 99 años, incluya la masovería urbana y prevea líneas de financiación ética, y traslada estas aportaciones al Área de Vivienda.',
              en: 'The participatory space asks that the co-operative housing government measure extend surface rights to 99 years, include urban "masoveria" and provide ethical finance lines, and forwards these contributions to the Housing Department.',
            },
            method: 'consensus',
            actions: [
              { title: "Trametre les aportacions a l'Àrea d'Habitatge", org: 'Comissionat ESS', due: -35, state: 'open' },
              { title: 'Preparar una sessió tècnica amb l’Àrea d’Habitatge i les cooperatives', person: 'clara-miro', due: -8, state: 'open' },
            ],
          },
        ],
      },
      OPEN_FLOOR,
    ],
    attendance: {
      absent: ['alex-bonet', 'ona-bartra', 'josep-maria-codina', 'merce-sola', 'antoni-ribe', 'alba-serrano', 'francesc-rovira', 'fatima-el-amrani'],
      alternates: [{ member: 'alba-serrano', alternate: 'kai-domenech' }],
      guests: [{ person: 'carme-llobet', org: 'LabCoop', college: 'entity' }],
    },
    minutes: {
      state: 'circulated',
      summary: "La presidenta obre la sessió a les 17.40 h amb quòrum suficient; 9 persones hi participen en línia. Actua de secretària Teresa Grau i Ribas. Kai Domènech i Vives supleix Alba Serrano i Pla (XES). Assisteix com a convidada Carme Llobet i Puig (LabCoop).",
      started: '17:40',
      ended: '20:10',
      circulatedAfter: 9,
      objectionsAfter: 24,
    },
  },

  // ---- Working group: Comunicació, held (minutes in draft) -----------------------------------
  {
    key: 'communication-1',
    body: 'comunicacio',
    kind: 'ordinary',
    format: 'online',
    state: 'held',
    title: { ca: 'Reunió mensual del grup de Comunicació', es: 'Reunión mensual del grupo de Comunicación', en: 'Monthly meeting of the Communication group' },
    description: 'Reunió en línia del primer dimarts de mes.',
    day: -20,
    weekday: 2,
    start: '18:00',
    end: '19:30',
    place: null,
    onlineUrl: 'https://meet.jit.si/gt-comunicacio-ess-bcn',
    convenedBefore: 7,
    createdBefore: 1,
    createdBy: 'julia-pons',
    items: [
      {
        kind: 'information',
        title: { ca: 'Balanç de la campanya de la Fira', es: 'Balance de la campaña de la Feria', en: 'Review of the Fair campaign' },
        description: 'Dades de difusió i valoració de les entitats.',
        presenter: 'Pau Riera i Costa (Pangea)',
        minutes: 30,
        deliberation: "La campanya ha arribat a 120 entitats i 35.000 persones a les xarxes. Faltava pressupost per als mitjans: caldrà demanar-lo amb temps l'any vinent.",
      },
      {
        kind: 'decision',
        title: { ca: "Traducció del kit de comunicació a l'anglès", es: 'Traducción del kit de comunicación al inglés', en: 'Translation of the communication kit into English' },
        description: 'Qui el tradueix i amb quin calendari.',
        presenter: 'Júlia Pons i Ferran (La Ciutat Invisible)',
        minutes: 30,
        deliberation: "femProcomuns s'ofereix a coordinar la traducció amb llicència lliure. Es recorda que l'informe trimestral del grup està pendent.",
        agreements: [
          {
            text: {
              ca: "El grup tradueix el kit de comunicació a l'anglès amb llicència lliure, coordinat per femProcomuns, i presenta l'informe trimestral pendent al grup motor.",
              es: 'El grupo traduce el kit de comunicación al inglés con licencia libre, coordinado por femProcomuns, y presenta el informe trimestral pendiente al grupo motor.',
              en: 'The group translates the communication kit into English under a free licence, coordinated by femProcomuns, and submits its overdue quarterly report to the steering group.',
            },
            method: 'consensus',
            actions: [
              { title: "Traduir el kit de comunicació a l'anglès", person: 'berta-oliver', due: -3, state: 'in_progress' },
              { title: "Presentar l'informe trimestral del grup", person: 'julia-pons', due: -6, state: 'open' },
              { title: "Demanar pressupost de difusió per a la campanya de l'any vinent", org: 'Pangea', due: 25, state: 'open' },
            ],
          },
        ],
      },
    ],
    attendance: { absent: ['lucia-fernandez', 'xavier-nadal'] },
    minutes: {
      state: 'draft',
      summary: 'Reunió en línia. Dinamitza Júlia Pons i Ferran; pren acta Pau Riera i Costa.',
      started: '18:05',
      ended: '19:35',
    },
  },

  // ---- Steering group, two weeks ago: minutes circulated with an objection -------------------
  {
    key: 'steering-1',
    body: 'grup-motor',
    kind: 'ordinary',
    format: 'online',
    state: 'held',
    title: { ca: 'Reunió del grup motor', es: 'Reunión del grupo motor', en: 'Steering group meeting' },
    description: 'Preparació de la trobada general i seguiment dels grups de treball.',
    day: -14,
    weekday: 2,
    start: '09:30',
    end: '11:30',
    place: null,
    onlineUrl: 'https://meet.jit.si/grup-motor-ambit-ess-bcn',
    convenedBefore: 8,
    createdBefore: 2,
    createdBy: 'admin',
    items: [
      {
        kind: 'deliberation',
        title: { ca: "Ordre del dia de la propera trobada general", es: 'Orden del día del próximo encuentro general', en: 'Agenda of the next general meeting' },
        description: "Proposta d'ordre del dia i d'espai per a la trobada general.",
        presenter: 'Jordi Casals i Vidal (XES)',
        minutes: 40,
        deliberation: "S'acorda proposar la Fabra i Coats com a espai. L'ordre del dia inclourà el pressupost municipal de l'ESS i la proposta de grup de seguiment de les clàusules.",
      },
      {
        kind: 'decision',
        title: { ca: 'Seguiment dels grups de treball', es: 'Seguimiento de los grupos de trabajo', en: 'Follow-up of the working groups' },
        description: "Informes pendents, tancament del grup d'Habitatge cooperatiu i final de mandat del grup de Contractació pública.",
        presenter: 'Teresa Grau i Ribas (secretaria tècnica)',
        minutes: 40,
        deliberation: "El grup de Comunicació té l'informe trimestral vençut. El grup d'Habitatge cooperatiu és en tancament. El de Contractació pública acaba d'aquí a poques setmanes.",
        links: [{ type: 'body', slug: 'comunicacio' }, { type: 'body', slug: 'habitatge-cooperatiu' }],
        agreements: [
          {
            text: {
              ca: "El grup motor demana al grup de Comunicació que presenti l'informe trimestral pendent abans de la trobada general, i proposarà a la trobada el calendari de trobades de l'any vinent.",
              es: 'El grupo motor pide al grupo de Comunicación que presente el informe trimestral pendiente antes del encuentro general, y propondrá en el encuentro el calendario de encuentros del año próximo.',
              en: 'The steering group asks the Communication group to submit its overdue quarterly report before the general meeting, and will propose next year’s calendar of meetings at the general meeting.',
            },
            method: 'consensus',
            actions: [
              { title: "Recordar al grup de Comunicació l'informe pendent", person: 'admin', due: -7, state: 'done', doneOn: -9 },
              { title: "Preparar la proposta de calendari de trobades de l'any vinent", person: 'delegate-xes', due: 5, state: 'open' },
            ],
          },
        ],
      },
      {
        kind: 'information',
        title: { ca: "Pressupost municipal de l'ESS", es: 'Presupuesto municipal de la ESS', en: 'Municipal SSE budget' },
        description: 'Avançament del Comissionat sobre el pressupost de l’any vinent.',
        presenter: 'Elena Martí i Pujol (Comissionat ESS)',
        minutes: 30,
        deliberation: 'El Comissionat avança que el pressupost es mantindrà i que hi haurà una línia nova per a economies comunitàries.',
      },
    ],
    attendance: { absent: ['albert-fontanet'] },
    minutes: {
      state: 'circulated',
      summary: 'Reunió en línia. Presideix Jordi Casals i Vidal (XES); actua de secretària Teresa Grau i Ribas.',
      started: '09:35',
      ended: '11:40',
      circulatedAfter: 4,
      objectionsFromToday: 4,
      objections: [
        {
          person: 'hector-jimenez',
          daysAgo: 3,
          text: "Al punt 2 hi falta que ECAS va demanar que l'informe del grup de Comunicació inclogui les dades d'ocupació del sector. Demano que s'hi afegeixi.",
        },
      ],
    },
  },

  // ---- Working group: Contractació pública, convened -----------------------------------------
  {
    key: 'procurement-next',
    body: 'contractacio-publica',
    kind: 'ordinary',
    format: 'hybrid',
    state: 'convened',
    title: { ca: 'Reunió de tancament del grup', es: 'Reunión de cierre del grupo', en: 'Closing meeting of the group' },
    description: 'Darrera reunió abans del final del mandat del grup.',
    day: 6,
    weekday: 4,
    start: '09:30',
    end: '11:30',
    place: BARCELONA_ACTIVA,
    onlineUrl: 'https://meet.jit.si/gt-contractacio-ess-bcn',
    convenedOn: -2,
    createdBefore: 1,
    createdBy: 'carme-llobet',
    items: [
      {
        kind: 'decision',
        title: { ca: 'Informe final del grup', es: 'Informe final del grupo', en: 'Final report of the group' },
        description: "Aprovació de l'informe final que s'enviarà al grup motor.",
        presenter: 'Carme Llobet i Puig (LabCoop)',
        minutes: 60,
        links: [{ type: 'body_report', slug: 'contractacio-publica' }],
      },
      {
        kind: 'deliberation',
        title: { ca: 'Proposta de grup de seguiment de les clàusules', es: 'Propuesta de grupo de seguimiento de las cláusulas', en: 'Proposal for a follow-up group on the clauses' },
        description: 'Mandat, composició i calendari del grup que en prendria el relleu.',
        presenter: 'David Ortega Navarro (FCTC)',
        minutes: 45,
      },
    ],
    answers: [
      { person: 'carme-llobet', answer: 'attending', via: 'site', hoursAfterNotice: 2 },
      { person: 'david-ortega', answer: 'attending', via: 'link', hoursAfterNotice: 5 },
      { person: 'jorge-medina', answer: 'excused', via: 'link', hoursAfterNotice: 26 },
      { person: 'fatima-el-amrani', answer: 'attending', via: 'link', hoursAfterNotice: 30 },
    ],
    dossier: [{ title: 'Esborrany de l’informe final', url: 'https://pad.femprocomuns.cat/p/gt-contractacio-informe-final', item: 0 }],
  },

  // ---- Plenary: the next general meeting, convened, with answers -----------------------------
  {
    key: 'plenary-next',
    body: 'ambit-participat',
    kind: 'ordinary',
    format: 'in_person',
    state: 'convened',
    title: GENERAL_MEETING,
    description: "Trobada general ordinària. Hi haurà servei d'acollida d'infants i interpretació en llengua de signes: cal avisar la secretaria tres dies abans.",
    day: 21,
    weekday: 3,
    start: '18:00',
    end: '20:30',
    place: FABRA_I_COATS,
    onlineUrl: null,
    convenedOn: -3,
    createdBefore: 3,
    createdBy: 'admin',
    items: [
      MINUTES_APPROVAL('plenary-3', false),
      {
        kind: 'information',
        title: { ca: 'Informe del grup motor i seguiment dels acords', es: 'Informe del grupo motor y seguimiento de los acuerdos', en: 'Report of the steering group and follow-up of agreements' },
        description: 'Activitat del grup motor i estat de les accions pendents, incloses les vençudes.',
        presenter: 'Jordi Casals i Vidal (XES)',
        minutes: 20,
      },
      {
        kind: 'deliberation',
        title: { ca: "Pressupost municipal de l'ESS per a l'any vinent", es: 'Presupuesto municipal de la ESS para el año próximo', en: "Next year's municipal SSE budget" },
        description: "Presentació del pressupost i recollida d'aportacions, amb la nova línia per a economies comunitàries.",
        presenter: 'Elena Martí i Pujol (Comissionat ESS)',
        minutes: 45,
      },
      {
        kind: 'decision',
        title: { ca: 'Creació del grup de seguiment de les clàusules socials', es: 'Creación del grupo de seguimiento de las cláusulas sociales', en: 'Creation of the social clauses follow-up group' },
        description: 'Proposta del grup motor a partir de l’informe final del grup de Contractació pública responsable.',
        presenter: 'David Ortega Navarro (FCTC)',
        minutes: 30,
        links: [{ type: 'body', slug: 'contractacio-publica' }],
      },
      {
        kind: 'decision',
        title: { ca: "Calendari de trobades de l'any vinent", es: 'Calendario de encuentros del año próximo', en: "Next year's calendar of meetings" },
        description: 'Dates i espais de les dues trobades ordinàries.',
        presenter: 'Teresa Grau i Ribas (secretaria tècnica)',
        minutes: 10,
      },
      OPEN_FLOOR,
    ],
    answers: [
      { person: 'rosa-valles', answer: 'attending', via: 'site', hoursAfterNotice: 1 },
      { person: 'delegate-xes', answer: 'attending', via: 'link', hoursAfterNotice: 3 },
      { person: 'alba-serrano', answer: 'alternate', alternate: 'kai-domenech', via: 'link', hoursAfterNotice: 4 },
      { person: 'delegate-fctc', answer: 'attending', via: 'link', hoursAfterNotice: 6 },
      { person: 'david-ortega', answer: 'attending', via: 'site', hoursAfterNotice: 9 },
      { person: 'delegate-confederacio', answer: 'attending', via: 'link', hoursAfterNotice: 20 },
      { person: 'trajectory', answer: 'attending', via: 'site', hoursAfterNotice: 22 },
      { person: 'isabel-moreno', answer: 'excused', via: 'link', hoursAfterNotice: 25 },
      { person: 'clara-miro', answer: 'attending', via: 'link', hoursAfterNotice: 27 },
      { person: 'jorge-medina', answer: 'excused', via: 'site', hoursAfterNotice: 30 },
      { person: 'silvia-garcia', answer: 'attending', via: 'link', hoursAfterNotice: 41 },
    ],
    dossier: [
      { title: 'Esborrany circulat de l’acta de la trobada de tardor', url: 'https://ajuntament.barcelona.cat/economia-social-solidaria/ca/ambit-participat/actes', item: 0 },
      { title: "Avantprojecte de pressupost de l'ESS", url: 'https://ajuntament.barcelona.cat/pressupost/ca', item: 2 },
      { title: 'Informe final del grup de Contractació pública responsable', url: 'https://pad.femprocomuns.cat/p/gt-contractacio-informe-final', item: 3 },
    ],
  },

  // ---- Steering group: a draft ---------------------------------------------------------------
  {
    key: 'steering-draft',
    body: 'grup-motor',
    kind: 'ordinary',
    format: 'online',
    state: 'draft',
    title: { ca: 'Reunió del grup motor', es: 'Reunión del grupo motor', en: 'Steering group meeting' },
    description: 'Valoració de la trobada general i preparació del primer trimestre.',
    day: 35,
    weekday: 2,
    start: '09:30',
    end: '11:30',
    place: null,
    onlineUrl: 'https://meet.jit.si/grup-motor-ambit-ess-bcn',
    createdBefore: 0,
    createdBy: 'admin',
    items: [
      {
        kind: 'deliberation',
        title: { ca: 'Valoració de la trobada general', es: 'Valoración del encuentro general', en: 'Assessment of the general meeting' },
        description: '',
        presenter: 'Jordi Casals i Vidal (XES)',
        minutes: 30,
      },
      {
        kind: 'decision',
        title: { ca: 'Mandat del grup de seguiment de les clàusules', es: 'Mandato del grupo de seguimiento de las cláusulas', en: 'Mandate of the clauses follow-up group' },
        description: 'Si la trobada general el crea.',
        presenter: 'Teresa Grau i Ribas (secretaria tècnica)',
        minutes: 30,
      },
    ],
  },
];
