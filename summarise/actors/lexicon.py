"""Word lists behind the rule-based parts of actor extraction (all lower-case)."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    return frozenset(w.replace("_", " ") for w in text.split())


# Words that put a person's title before the name ("President", "striker").
TITLE_WORDS = words(
    """
    president vice-president prime minister chancellor premier secretary minister
    spokesman spokeswoman spokesperson press adviser advisor aide envoy ambassador
    governor mayor senator congressman congresswoman representative rep. sen. gov.
    king queen prince princess emperor pope cardinal bishop archbishop rabbi imam
    duke duchess earl countess viscount magistrate
    sheikh sultan emir general gen. lieutenant lt. colonel col. major maj. captain capt.
    commander admiral sergeant sgt. officer chief director chairman chairwoman chair
    chairperson ceo cfo coo founder co-founder executive manager boss head leader
    judge justice attorney lawyer prosecutor counsel detective inspector constable auditor
    professor prof. dr. dr mr. mr mrs. mrs ms. ms miss sir dame lord lady baron
    coach trainer striker midfielder defender goalkeeper keeper forward winger
    captain skipper batsman bowler opener all-rounder wicketkeeper pitcher quarterback
    rider cyclist climber driver champion runner sprinter player teammate veteran rookie
    analyst economist strategist trader dealer broker banker governor economist
    commissioner deputy undersecretary under-secretary treasurer clerk speaker
    councillor councilman councilwoman alderman delegate negotiator mediator
    correspondent reporter editor columnist author writer novelist poet singer actor
    actress comedian director producer presenter anchor star designer artist
    rev. reverend father sister brother pastor priest monk dalai
    chief-executive superintendent sheriff marshal warden ranger
    candidate nominee challenger incumbent rival opponent leader chief-of-staff
    centre center fly-half flanker prop hooker lock scrum-half full-back fullback wing
    back half-back stand-off playmaker sweeper libero substitute reserve debutant
    left-hander right-hander seamer spinner paceman keeper wicket-keeper opener
    defenders forwards midfielders goalkeepers strikers players coaches skipper
    man-of-the-match all-rounder newcomer youngster teenager
    colleague partner team-mate compatriot countryman tackle linebacker quarterback
    receiver cornerback tailback running_back tight_end safety guard lineman
    fusilier private corporal lance trooper gunner marine sapper airman seaman pc
    mp mep msp
    """
)

# Offices a story refers back to as "the mayor", "the coach" once the holder is named.
REFERRING_TITLES = words(
    """
    president mayor governor chancellor premier minister senator congressman congresswoman
    ambassador envoy judge prosecutor sheriff commissioner chairman chairwoman founder ceo
    spokesman spokeswoman spokesperson coach manager director economist analyst pope king queen
    """
)

# Sentence openers that are capitalised only because they come first.
COMMON_STARTERS = words(
    """
    the a an but and or so yet if when while after before as at in on by for from with
    this that these those there here his her their its our my your we they he she it i
    despite although though since during under over about into according adding
    meanwhile however also crucially instead then now today yesterday tomorrow last next
    one two three four five six seven eight nine ten many some several most all both
    each every no not other another such what who how why where which former
    near because unlike like among amid across against behind beyond without within
    can could would should did does do is are was were has have had
    toward towards upon via unless whether whenever wherever whose whom
    """
)

# Honorifics that are never part of the name itself.
HONORIFICS = words("mr mr. mrs mrs. ms ms. miss dr dr. sir dame prof. professor rev. reverend")
# Those that only a person bears: "Ms Lane" is a woman, whatever "lane" means on its own.
PERSONAL_HONORIFICS = words("mr mr. mrs mrs. ms ms. miss dr dr.")


def is_personal_honorific(word: str) -> bool:
    """ "Ms", "Mr.", "Miss" as a title is written ("will miss Australia" and a capitals
    headline's "MISS" are not)."""
    return (
        word[:1].isupper()
        and not word.rstrip(".").isupper()
        and (word.lower() in PERSONAL_HONORIFICS)
    )


# Adjectives of nationality and region, which precede titles ("French President").
NATIONALITIES = words(
    """
    american british english scottish welsh irish french german italian spanish portuguese
    dutch belgian swiss austrian danish swedish norwegian finnish icelandic polish czech
    slovak hungarian romanian bulgarian greek turkish cypriot russian ukrainian belarusian
    lithuanian latvian estonian serbian croatian croat bosnian slovenian montenegrin
    macedonian albanian kosovar georgian armenian azerbaijani kazakh uzbek turkmen
    kyrgyz tajik afghan pakistani indian bangladeshi sri_lankan nepalese chinese japanese
    korean north_korean south_korean taiwanese vietnamese thai cambodian laotian burmese
    malaysian singaporean indonesian filipino australian new_zealand canadian mexican
    cuban haitian dominican jamaican brazilian argentine argentinian chilean peruvian
    colombian venezuelan ecuadorean ecuadorian bolivian paraguayan uruguayan israeli
    palestinian lebanese syrian jordanian iraqi iranian saudi kuwaiti qatari emirati
    yemeni omani egyptian libyan tunisian algerian moroccan sudanese ethiopian eritrean
    somali kenyan ugandan tanzanian rwandan burundian congolese zairean nigerian
    ghanaian senegalese ivorian cameroonian angolan zambian zimbabwean mozambican
    namibian south_african malawian liberian european asian african arab western eastern
    northern southern soviet yugoslav kurdish zulu catholic muslim jewish christian
    hindu sikh buddhist latin dutch-born czech-born swede dane serb turk brit scot kiwi
    aussie yank
    """
)


# Words that never occur inside a person's name: events, prizes, numbers.
NON_NAME_WORDS = words(
    """
    cup cups open league championship championships trophy award awards prize games
    olympics olympic series tour grand prix final finals derby classic masters
    one two three four five six seven eight nine ten eleven twelve hundred thousand
    million billion first second third chapter article section act index
    shares stock stocks bond bonds
    yesterday today tomorrow tonight signed married
    """
)

# Compass words: "East London", "North Korea" are places.
COMPASS_WORDS = words("north south east west northern southern eastern western central upper lower")

# Organisation words that are also common surnames ("Margaret Court", "Arsenio Hall").
SURNAME_ORG_WORDS = words("house court post bank banks guard city union board")

# Places that are also common surnames ("Jack London", "Michael Jordan").
SURNAME_PLACES = words("london jordan holland england wales france chad georgia israel victoria")

# Calendar words and table vocabulary that look like names in headlines and results.
NOT_NAMES = words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december jan feb mar apr jun
    jul aug sep sept oct nov dec today tomorrow yesterday attendance attendence halftime
    half-time extras total totals result results scorers scorer standings bowling
    batting innings fall draw won lost played goals points squad teams team group
    pool round quarter-final semi-final final semifinals quarterfinals note notes
    reuters ap afp upi cnn bbc update updated advertisement read more share photo
    video getty images file corrected correction reporting editing writing newsroom
    mr mrs ms dr the a an and or but of in on at for to from by with as it he she they
    we i you his her their its this that these those there here when where who what
    why how after before during while since until despite about over under between
    also however meanwhile still yet just only all both each every some many few
    god allah christmas easter ramadan internet web
    """
)

# Words that hold a role but are not titles on their own ("Secretary of State").
PORTFOLIO_WORDS = words(
    "state foreign affairs defence defense interior home finance trade justice health "
    "education energy treasury labour labor security national general house press "
    "white commission european union federal central"
)

# Geographic head words: "Crimean Peninsula", "Red Sea", "Hudson River" are places.
GEO_WORDS = words(
    """
    peninsula island islands sea ocean river lake mountains mountain valley desert coast
    strait gulf bay canal region province county district state territory republic
    city town village street avenue square airport port border frontier plain plains
    oval stadium arena ground grounds circuit racecourse lane road station bridge
    place memorial highway forest
    """
)

# Lower-case words after a name that make it a place: "the Northgate district".
PLACE_QUALIFIERS = words("district region province county town village river valley suburb area")

# Words that open names of places ("Mount Kenya", "Lake Geneva", "Passo Rolle") and of
# organisations ("Team Sky"); such names are never people.
GEO_PREFIXES = words("mount mt. monte passo lake lago cape")
ORG_PREFIXES = words("team")

# Surname particles that stay lower-case inside names ("Ursula von der Leyen").

# Organisation head words ("European Commission", "Bank of England").
# Letters after a person's name, an office or an honour ("Eleanor Laws QC"): not part of it.
POST_NOMINALS = frozenset(["QC", "KC", "MP", "MEP", "MSP", "OBE", "MBE", "CBE", "KBE", "DBE"])

ORG_WORDS = words(
    """
    commission council committee parliament congress senate assembly ministry department
    agency authority bureau office administration government cabinet court tribunal
    union alliance league federation association organisation organization society
    party movement front army navy force forces police guard corps bank fund reserve
    exchange company corporation corp corp. inc inc. ltd ltd. plc llc group holdings
    airlines airways motors bank university college institute school hospital
    foundation trust board house club united city fc rovers wanderers athletic newsroom
    utd albion rangers academy subcommittee
    bv nv ag sa spa gmbh pt tbk ab oyj asa kk bhd desk systems co
    chamber coalition software securities capital partners rail railway railways
    technologies industries studios
    times post journal news television radio network agency service services show
    magazine reports gazette herald tribune review daily weekly
    nato un eu opec imf fifa uefa ioc wto who unicef unesco
    """
)

# Verbs and phrases that mark a stance: the subject or speaker holds a position.
STANCE_CUES = (
    "said",
    "says",
    "told",
    "tells",
    "declared",
    "declares",
    "stated",
    "states",
    "has stated",
    "offered",
    "offers",
    "welcomed",
    "welcomes",
    "expressed",
    "expresses",
    "opposed",
    "opposes",
    "rejected",
    "rejects",
    "indicated",
    "indicates",
    "insisted",
    "insists",
    "has not confirmed",
    "did not confirm",
    "confirmed",
    "confirms",
    "denied",
    "denies",
    "warned",
    "warns",
    "urged",
    "urges",
    "called for",
    "calls for",
    "demanded",
    "demands",
    "announced",
    "announces",
    "argued",
    "argues",
    "added",
    "adds",
    "noted",
    "believes",
    "believed",
    "suggested",
    "suggests",
    "promised",
    "promises",
    "pledged",
    "pledges",
    "vowed",
    "vows",
    "threatened",
    "threatens",
    "praised",
    "praises",
    "criticised",
    "criticized",
    "criticises",
    "criticizes",
    "condemned",
    "condemns",
    "accused",
    "accuses",
    "admitted",
    "admits",
    "acknowledged",
    "refused",
    "refuses",
    "agreed",
    "agrees",
    "proposed",
    "proposes",
    "supported",
    "supports",
    "backed",
    "backs",
    "reinforced",
    "underscored",
    "stressed",
    "emphasised",
    "emphasized",
    "asserted",
    "claimed",
    "claims",
    "wrote",
    "writes",
    "explained",
    "told reporters",
    "described",
    "ruled out",
    "rules out",
    "wants",
    "wanted",
    "hopes",
    "hoped",
    "led by",
    "headed by",
    "chaired by",
)
