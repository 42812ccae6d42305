"""Word lists behind roles (all lower-case): what people are called, and the words around it."""

from __future__ import annotations

import re

from summarise.actors.lexicon import HONORIFICS, STANCE_CUES, TITLE_WORDS, words

# Nouns that say what a person is or does, beyond the titles that stand before names.
ROLE_NOUNS = words(
    """
    astronaut scientist researcher lecturer teacher headteacher headmaster headmistress
    tutor instructor principal student pupil graduate undergraduate scholar fellow academic
    expert specialist consultant adviser advisor analyst engineer architect surveyor
    doctor surgeon physician nurse midwife paramedic dentist pharmacist therapist
    obstetrician gynaecologist gynecologist pathologist coroner vet veterinarian
    technician mechanic electrician plumber builder carpenter labourer laborer farmer
    fisherman shepherd miner worker employee staffer volunteer activist campaigner
    protester protestor organiser organizer owner co-owner proprietor landlord landlady
    tenant resident neighbour neighbor villager pensioner retiree widow widower
    mother father son daughter wife husband sibling grandmother grandfather grandson
    granddaughter grandmother aunt uncle nephew niece cousin stepfather stepmother
    stepson stepdaughter fiance fiancee fiancé fiancée girlfriend boyfriend friend pal
    mum mom dad parent godfather godmother twin
    predecessor successor mentor protege protégé ally supporter admirer critic
    mp mep msp mla td peer politician lawmaker legislator diplomat official
    administrator bureaucrat regulator investigator ombudsman controller comptroller
    registrar aide
    barrister solicitor advocate juror witness plaintiff claimant defendant suspect
    victim survivor prisoner inmate detainee convict killer murderer gunman attacker
    robber burglar thief rapist paedophile pedophile fraudster smuggler trafficker hacker
    terrorist militant jihadist extremist fighter rebel insurgent soldier pilot sailor
    journalist correspondent commentator broadcaster host filmmaker photographer cameraman
    blogger biographer historian playwright screenwriter lyricist
    singer songwriter musician guitarist drummer bassist pianist violinist cellist rapper
    composer conductor dancer ballerina magician painter sculptor stylist model chef cook
    baker waiter waitress bartender
    athlete sportsman sportswoman footballer cricketer golfer boxer wrestler swimmer
    jockey skier skater gymnast referee umpire pundit medallist medalist finalist
    businessman businesswoman entrepreneur tycoon magnate billionaire millionaire investor
    financier accountant shareholder heir heiress socialite celebrity
    priest vicar preacher nun cleric chaplain missionary
    legend icon
    publicist lobbyist agent
    seeker refugee migrant immigrant
    hopeful contender winner runner-up
    chauffeur courier postman firefighter fireman policeman policewoman bodyguard guard
    supervisor operator contractor hoarder collector creator inventor designer pioneer
    housewife homemaker carer caregiver nanny
    member head leader boss chair
    """
)

# Words that qualify a role without needing anything before them ("former astronaut").
QUALIFIERS = words(
    """
    former ex then late acting interim caretaker outgoing incoming retired retiring disgraced
    deputy assistant associate senior junior chief principal lead vice joint co current
    serving sitting reigning defending founding managing marketing executive veteran
    ranking fellow
    longtime long-time long-serving self-styled self-proclaimed so-called would-be
    """
)

# Titles that are forms of address more than roles: a later, fuller role replaces them.
ADDRESS_TITLES = words(
    """
    lord lady sir dame baron baroness sister brother father rev. reverend officer gen.
    general lt. lieutenant colonel col. major maj. captain capt. sergeant sgt. corporal
    private commander admiral pc
    """
)

# Words that stand left of plain words in a title and close it off ("the race leader").
LEFT_EDGES = words(
    """
    the a an his her its their our my your this that these those of in on at by with from
    for about against between among under after before behind like as into while when
    whereas although though because since until unless if where whilst said says told
    """
)

# "X, who heads Y": verbs whose clause says what a person does.
ROLE_VERBS = words(
    """
    heads headed runs ran leads led chairs chaired founded co-founded manages managed owns
    owned directs directed coaches coached edits edited represents represented teaches
    taught captains captained oversees oversaw presides presided
    """
)

# Court reporting: "X, prosecuting, said", "X, acting for the council".
COURT_ROLES = words("prosecuting defending mitigating representing acting")

# Words that end an apposition's noun phrase: a clause or a verb begins.
CLAUSE_WORDS = words(
    """
    who which that whose whom where when while whilst said says told is was are were has
    have had will would could should can may might did does do because if though
    although he she it they we i you
    """
)

# Heads that describe but do not name a role, and heads of places and times.
NOT_ROLE_HEADS = words(
    """
    man woman men women person people boy girl child children kid baby guy gentleman
    individual one day week month year morning afternoon evening night time weekend hour
    minute moment decade century season spring summer autumn winter town city village
    country county state region area district street road suburb island capital province
    home house place site thing way
    """
)

# Words with a role ending that are not roles ("insist", "checklist").
NOT_ROLE_NOUNS = words(
    """
    exist insist resist assist consist persist desist subsist playlist checklist wishlist
    shortlist blacklist whitelist amidst whilst midst twist career
    """
)

# Player positions and other titles that are plain words too ("was back at home"): roles
# only right before a name or after an article.
AMBIGUOUS_TITLES = words(
    """
    back forward centre center wing lock prop guard safety reserve substitute star keeper
    opener tackle hooker receiver half sweeper cover rider runner driver model host chair
    head lead
    """
)

# Verbs that stand before a title and its holder ("will host", "beat champion Ann Lee"):
# never part of the title.
TITLE_VERBS = words(
    """
    will would can could shall should may might must do does did be been being get gets got
    beat beats meet meets met join joins joined thank thanks face faces host hosts lead leads
    led replace replaces name names see sees saw give gives gave take takes took make makes
    made leave leaves left win wins won lose loses lost send sends sent bring brings brought
    hire hires sign signs sack sacks back backs blame blames call calls ask asks urge urges
    let lets put puts keep keeps kept hold holds held find finds found become becomes became
    include includes sued sue sues defeat defeats visit visits
    """
)

ARTICLES = words("a an the")
OWNERS = words("his her its their")
JOINERS = words("of and for")
CALENDAR = words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "june july august september october november december today tomorrow yesterday"
)
STANCE = frozenset(c for c in STANCE_CUES if " " not in c)
POSSESSIVE = re.compile(r"['’]s?$")
HONORIFIC_TAIL = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof|Sir|Dame|Rev)\.?\s+)+$")
_ROLE_SUFFIXES = ("ist", "ician", "grapher", "eer")


def is_role_noun(word: str) -> bool:
    """Titles and nouns for what people are or do ("astronaut", "co-founder", "physicist")."""
    w = POSSESSIVE.sub("", word.lower())
    if w in HONORIFICS or not w:
        return False
    if w in TITLE_WORDS or w in ROLE_NOUNS or w.rstrip(".") in ROLE_NOUNS:
        return True
    if "-" in w and not w.endswith("-old"):
        parts = w.split("-")
        return any(p in TITLE_WORDS or p in ROLE_NOUNS for p in (parts[0], parts[-1]))
    return w.isalpha() and len(w) >= 6 and w.endswith(_ROLE_SUFFIXES) and w not in NOT_ROLE_NOUNS
