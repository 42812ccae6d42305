"""Actors: canonical names, aliases, roles, organisations and places, with and without spaCy."""

from __future__ import annotations

from summarise.key_actors import extract_actors
from summarise.models import Actor


def by_name(actors: list[Actor]) -> dict[str, Actor]:
    return {a.name: a for a in actors}


SENTENCES = [
    "President Donald Trump said on Tuesday that no U.S. ground troops would go to Ukraine.",
    "Trump spoke after talks at the White House with French President Emmanuel Macron.",
    "European Commission President Ursula von der Leyen welcomed the plan.",
    "Donald Trump later added that NATO membership for Ukraine was impossible.",
]


def test_aliases_merge_into_one_canonical_person(model: str) -> None:
    actors = by_name(extract_actors(SENTENCES))
    trump = actors["Donald Trump"]
    assert trump.type == "person"
    assert trump.role == "President"
    assert trump.mentions == 3
    assert "Trump" in trump.aliases
    assert not any(name in actors for name in ("Trump", "President Donald Trump"))


def test_particles_stay_inside_one_name(model: str) -> None:
    actors = by_name(extract_actors(SENTENCES))
    assert actors["Ursula von der Leyen"].role == "European Commission President"
    assert "Leyen" not in actors and "Ursula" not in actors


def test_roles_from_titles_and_appositions(model: str) -> None:
    actors = by_name(
        extract_actors(
            [
                "Karoline Leavitt, White House Press Secretary, said the decision was final.",
                "Russia's foreign affairs adviser, Yuri Ushakov, has not confirmed any talks.",
                "The report was written by U.S. Secretary of State Marco Rubio.",
            ]
        )
    )
    assert actors["Karoline Leavitt"].role == "White House Press Secretary"
    assert actors["Yuri Ushakov"].role == "Russia's foreign affairs adviser"
    assert actors["Marco Rubio"].role == "U.S. Secretary of State"


def test_places_and_nationalities_are_never_people(model: str) -> None:
    actors = extract_actors(
        [
            "Kyiv said Moscow had seized Crimea, and Donetsk and Luhansk remain occupied.",
            "Russia and Ukraine met in Alaska, where Washington offered guarantees.",
        ]
    )
    people = [a.name for a in actors if a.type == "person"]
    assert people == []


def test_organisations_are_found(model: str) -> None:
    actors = by_name(extract_actors(SENTENCES))
    assert actors["NATO"].type == "org"
    assert actors["White House"].type == "org"
    assert actors["European Commission"].type == "org"


def test_most_salient_actor_comes_first(model: str) -> None:
    actors = extract_actors(SENTENCES)
    assert actors[0].name == "Donald Trump"


def test_title_counts_towards_salience(model: str) -> None:
    sentences = ["Anna Berg met Tom Field in Oslo.", "Tom Field said little."]
    assert extract_actors(sentences)[0].name == "Tom Field"
    assert extract_actors(sentences, title="Anna Berg wins the vote")[0].name == "Anna Berg"


def test_empty_input_gives_no_actors(model: str) -> None:
    assert extract_actors([]) == []
    assert extract_actors(["", "   "]) == []


def test_one_very_long_unsplit_paragraph_still_gives_its_actors(model: str) -> None:
    # Text without sentence ends arrives as one long line; every name in it is still found.
    chunk = "Prime Minister Anna Berg said the plan would pass and union leader Tom Field said no"
    sentence = " and ".join([chunk] * 400)
    actors = by_name(extract_actors([sentence]))
    assert actors["Anna Berg"].mentions == 400
    assert actors["Tom Field"].mentions == 400


def test_roles_keep_plain_words_only_after_an_acronym_or_nationality(model: str) -> None:
    actors = by_name(
        extract_actors(
            [
                "After the verdict, CNN legal analyst Paul Callan said the case was weak.",
                "While talks on Monday saw President Anna Berg leave early, nothing changed.",
            ]
        )
    )
    assert actors["Paul Callan"].role == "CNN legal analyst"
    assert actors["Anna Berg"].role == "President"


def test_organisation_names_keep_their_of_and_for(model: str) -> None:
    actors = by_name(
        extract_actors(
            [
                "The Harwick Chamber of Commerce opposed the increase.",
                "The Amalgamated Union of Train Drivers said its executive had suspended it.",
                "Sara Okonjo of the Valdorian Institute for Economic Research said the bank "
                "would probably wait until November.",
                "Tom Achebe, chair of the Eastbridge Rail Users' Group, said many had plans.",
            ]
        )
    )
    for org in (
        "Harwick Chamber of Commerce",
        "Amalgamated Union of Train Drivers",
        "Valdorian Institute for Economic Research",
        "Eastbridge Rail Users' Group",
    ):
        assert actors[org].type == "org"
    people = {name for name, actor in actors.items() if actor.type == "person"}
    assert people == {"Sara Okonjo", "Tom Achebe"}
    # The person before "of the Institute" is the one speaking.
    assert "wait until November" in actors["Sara Okonjo"].positions[0].text


def test_companies_that_speak_are_not_people(model: str) -> None:
    actors = by_name(
        extract_actors(
            [
                "Norrline Software said on Wednesday it would cut about 1,200 jobs.",
                "Morgan Hale of Beacon Securities said demand for Norrline's capacity was real.",
                "Eastbridge Regional Rail said the walkouts had cost it 4 million euros.",
                "Norrline said it would give more details in June.",
            ]
        )
    )
    assert actors["Norrline Software"].type == "org"
    assert "Norrline" in actors["Norrline Software"].aliases
    assert actors["Beacon Securities"].type == "org"
    assert actors["Eastbridge Regional Rail"].type == "org"
    assert [n for n, a in actors.items() if a.type == "person"] == ["Morgan Hale"]


def test_teams_mountain_passes_and_districts_are_not_people(model: str) -> None:
    actors = extract_actors(
        [
            "Belgian Piet Van Damme of Team Korvex was third on the climb to Passo Rolle.",
            "His manager, Ruud Kamphuis of Team Oranjeveld, said the squad would ride.",
            "The race finishes at Monte Bondone, where Hollis finished second.",
            "Councillor Rosa Delgado, who represents the Northgate district, voted against it.",
        ]
    )
    people = {a.name for a in actors if a.type == "person"}
    assert not {"Team Korvex", "Team Oranjeveld", "Passo Rolle", "Monte Bondone"} & people
    assert {"Piet Van Damme", "Ruud Kamphuis", "Rosa Delgado"} <= people
    assert "Northgate" not in {a.name for a in actors}


def test_a_role_never_starts_with_a_possessive(model: str) -> None:
    actors = by_name(
        extract_actors(
            [
                "The Harwick Chamber of Commerce opposed the increase.",
                "Its president, Alan Whitcombe, said shop owners were worried.",
                "His team manager, Ruud Kamphuis, said the squad would ride.",
                "The Tech Workers Coalition and the Harwick City Council met on Monday.",
                "Their spokesman, Tom Field, said nothing was agreed.",
            ]
        )
    )
    # "Its" is the organisation just named; with two candidates the determiner is dropped.
    assert actors["Alan Whitcombe"].role == "president of the Harwick Chamber of Commerce"
    assert actors["Ruud Kamphuis"].role == "team manager"
    assert actors["Tom Field"].role == "spokesman"


def test_only_a_title_written_as_one_makes_a_person(model: str) -> None:
    lines = [
        "Centre Jason Little will miss Australia's last match of the tour.",
        "The Harwick Rovers lost again on Sunday. The Rovers, who play at home next week, "
        "are now fifth.",
        "Ms Lane, the club's secretary, said the ground would be ready.",
    ]
    people = {a.name for a in extract_actors(lines) if a.type == "person"}
    assert "Lane" in people
    assert not people & {"Australia", "Harwick Rovers", "Rovers"}


def test_a_name_run_on_from_an_organisations_is_no_person(model: str) -> None:
    lines = [
        "The White House Kitchen Garden was full of school children on Wednesday as the first "
        "lady planted spinach with them.",
        "Dana Whitcombe said the beds would be ready by June.",
    ]
    people = {a.name for a in extract_actors(lines) if a.type == "person"}
    assert people == {"Dana Whitcombe"}


def test_a_given_name_before_and_shares_the_next_persons_surname(model: str) -> None:
    actors = by_name(
        extract_actors(
            [
                "The artist Lena Castell died on Sunday, her son and daughter, "
                "Peter and Susan Castell, confirmed.",
                "Ann and Bob Marley were at the funeral, as were Tom and Jerry.",
            ]
        )
    )
    assert actors["Peter Castell"].role == "son"
    assert actors["Susan Castell"].role == "daughter"
    assert {"Ann Marley", "Bob Marley"} <= set(actors)
    assert not {"Tom", "Jerry", "Tom Jerry"} & set(actors)


def test_a_lone_surname_that_writes_or_insists_is_a_person(model: str) -> None:
    actors = by_name(
        extract_actors(
            [
                "The festival closed on Sunday after three days of music.",
                '"It was the best crowd we ever had," Kowalski wrote on Twitter.',
                "Kowalski insisted the band would be back next year.",
            ]
        )
    )
    assert actors["Kowalski"].type == "person"
    quotes = [p.quote for p in actors["Kowalski"].positions]
    assert "It was the best crowd we ever had" in quotes


def test_a_day_before_a_surname_is_no_part_of_the_name(model: str) -> None:
    actors = by_name(
        extract_actors(
            [
                "Tomas Grell, 41, admitted the charge.",
                "On Wednesday Grell was jailed for two years.",
            ]
        )
    )
    assert "Wednesday Grell" not in actors
    assert actors["Tomas Grell"].mentions == 2
