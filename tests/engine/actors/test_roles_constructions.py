"""Roles as a reader sees them, from each way news text says what a person is, with and
without spaCy. Every person and organisation here is invented."""

from __future__ import annotations

from summarise import summarise


def roles(text: str) -> dict[str, str | None]:
    return {a.name: a.role for a in summarise(text).actors if a.type == "person"}


def test_a_title_keeps_its_plain_qualifiers(model: str) -> None:
    assert roles("Overnight, race leader Pia Moravec lost two minutes on the wet descent.") == {
        "Pia Moravec": "race leader"
    }
    assert roles("Still, former astronaut Ken Ardley said the launch was safe.") == {
        "Ken Ardley": "former astronaut"
    }
    assert roles("ESTA chief scientist Mara Quell said the data was clear.") == {
        "Mara Quell": "ESTA chief scientist"
    }


def test_a_title_keeps_the_organisation_or_party_before_it(model: str) -> None:
    assert roles("Harwick Rovers boss Dale Fenn said the result was fair.") == {
        "Dale Fenn": "Harwick Rovers boss"
    }
    assert roles("Tory MP Simon Wragg said the bill would fail.") == {"Simon Wragg": "Tory MP"}
    assert roles("Blues legend Ray Moffat was taken to hospital on Friday.") == {
        "Ray Moffat": "Blues legend"
    }


def test_an_apposition_after_the_name_is_the_role(model: str) -> None:
    text = "Owen Tarrant, a spokesman for the Armed Forces, said the plan was sound."
    assert roles(text) == {"Owen Tarrant": "spokesman for the Armed Forces"}
    text = "Harold Pym, the former prime minister, stayed silent on the vote."
    assert roles(text) == {"Harold Pym": "former prime minister"}


def test_an_apposition_skips_the_age(model: str) -> None:
    text = "Mary Colbeck, 45, a teacher from Leeds, said she was worried."
    assert roles(text) == {"Mary Colbeck": "teacher from Leeds"}


def test_an_apposition_without_article_keeps_the_whole_organisation(model: str) -> None:
    text = (
        "Pete Larkin, chief executive of the Association for Quiet Streets, said the noise was "
        "rising."
    )
    assert roles(text) == {"Pete Larkin": "chief executive of the Association for Quiet Streets"}


def test_a_role_word_outside_any_list_counts_after_an_article(model: str) -> None:
    text = "It was clear, said Nora Vell, an obstetrician and gynaecologist who works in Hull."
    assert roles(text)["Nora Vell"] == "obstetrician and gynaecologist"


def test_a_possessive_title_keeps_its_owner(model: str) -> None:
    assert roles("Vexco's chief executive Dan Morrow declined to comment.") == {
        "Dan Morrow": "Vexco's chief executive"
    }
    text = "The victim's friend Betty Crane, 85, told the newspaper she was shocked."
    assert roles(text) == {"Betty Crane": "victim's friend"}


def test_his_names_the_person_just_named(model: str) -> None:
    found = roles("Frank Odell spoke with his son, Louis Odell, on Tuesday.")
    assert found["Louis Odell"] == "Frank Odell's son"
    assert found["Frank Odell"] is None


def test_his_with_no_one_named_before_keeps_the_bare_role(model: str) -> None:
    text = "Nobody had expected the result. His father, Frank Odell, said he was proud."
    assert roles(text) == {"Frank Odell": "father"}


def test_an_apposition_before_the_name_skips_an_honorific(model: str) -> None:
    text = "Orbis TV's chief medical correspondent, Dr. Lena Park, agreed with the study."
    assert roles(text)["Lena Park"] == "Orbis TV's chief medical correspondent"


def test_who_heads_says_what_the_person_does(model: str) -> None:
    text = "Grant Fellowes, who heads the Kestrel Trust, welcomed the news."
    assert roles(text) == {"Grant Fellowes": "heads the Kestrel Trust"}


def test_a_statement_gives_the_role(model: str) -> None:
    text = "Lisa Quarry is the chief executive of Brindle Foods. She said sales were up."
    assert roles(text)["Lisa Quarry"] == "chief executive of Brindle Foods"


def test_now_gives_the_current_role_over_a_former_title(model: str) -> None:
    text = (
        "Former Harwick Rovers director Neil Ambry, now chairman of Eastfield Town, was "
        "nominated for the seat."
    )
    assert roles(text) == {"Neil Ambry": "chairman of Eastfield Town"}


def test_a_rank_gives_way_to_the_office_held(model: str) -> None:
    text = (
        "Officer Dan Pell, spokesman for the Rundale County Sheriff's Office, told reporters "
        "the dogs were safe."
    )
    assert roles(text)["Dan Pell"] == "spokesman for the Rundale County Sheriff's Office"
    text = "Gen. Paul Vance, who is in charge of Army Recruiting Command, said it was a problem."
    assert roles(text) == {"Paul Vance": "in charge of Army Recruiting Command"}


def test_a_rank_after_the_title_is_not_the_title(model: str) -> None:
    text = "Police spokesman Major Thabo Mkhize said there were no signs of forced entry."
    assert roles(text) == {"Thabo Mkhize": "Police spokesman"}


def test_a_later_title_replaces_a_statement(model: str) -> None:
    text = (
        "Dan Tobin was the hero on Sunday. Harwick striker Dan Tobin scored twice in the "
        "second half."
    )
    assert roles(text) == {"Dan Tobin": "Harwick striker"}


def test_court_reports_name_counsel_by_their_side(model: str) -> None:
    text = (
        "Nina Ostrow, prosecuting, told the court the man had lied. Carl Dunmore, defending, "
        "said his client was sorry. Amy Tell, acting on behalf of the council, agreed."
    )
    found = roles(text)
    assert found["Nina Ostrow"] == "prosecutor"
    assert found["Carl Dunmore"] == "defence lawyer"
    assert found["Amy Tell"] == "acting on behalf of the council"


def test_of_an_organisation_is_an_affiliation(model: str) -> None:
    text = "Jonathan Beale, of the Taxpayers' Union, said the losses were enormous."
    assert roles(text) == {"Jonathan Beale": "Taxpayers' Union"}


def test_named_as_gives_the_role_before_it(model: str) -> None:
    text = "One neighbour, named only as Karim Aziz, said the street had been quiet."
    assert roles(text) == {"Karim Aziz": "neighbour"}


def test_a_story_that_opens_on_a_role_names_its_holder_next(model: str) -> None:
    text = (
        "A firefighter has been praised for pulling three swimmers from the sea. "
        "Tom Pryce swam out twice before the lifeboat arrived."
    )
    assert roles(text) == {"Tom Pryce": "firefighter"}


def test_an_opening_role_is_nobody_s_when_the_opening_names_someone(model: str) -> None:
    text = (
        "A firefighter has thanked Anna Berg for raising the alarm. "
        "Tom Pryce said the family were lucky."
    )
    assert roles(text)["Tom Pryce"] is None


def test_an_organisation_s_name_before_a_person_is_an_affiliation(model: str) -> None:
    assert roles("Sportsmail's Jamie Dunlop joined the criticism of the club.") == {
        "Jamie Dunlop": "Sportsmail"
    }
    found = roles("The Flash Pack's Lee Thompson captured the scene on camera.")
    assert found["Lee Thompson"] == "Flash Pack"


def test_a_country_or_a_person_before_a_name_is_no_affiliation(model: str) -> None:
    assert roles("Britain's Andy Forth won the final in four sets.") == {"Andy Forth": None}
    assert roles("John Brett's Anna Vey was not there.")["Anna Vey"] is None


def test_an_apposition_between_dashes_is_the_role(model: str) -> None:
    text = "Ann Vey – a mother of three from Leeds – said the school had failed."
    assert roles(text) == {"Ann Vey": "mother of three from Leeds"}
    text = "On Monday, Tom Reed - a lawyer and legal commenter -suggests she was hacked."
    assert roles(text) == {"Tom Reed": "lawyer and legal commenter"}


def test_works_as_and_was_appointed_give_the_role(model: str) -> None:
    text = "Tom Reed, 45, who works as a nurse in Hull, said the ward was full."
    assert roles(text) == {"Tom Reed": "nurse in Hull"}
    text = "Tom Reed, who was appointed chairman of Corvex in 2010, said little."
    assert roles(text) == {"Tom Reed": "chairman of Corvex"}


def test_a_date_after_a_statement_is_not_part_of_the_role(model: str) -> None:
    assert roles("Ann Vey was the chief executive of Corvex until 2019.") == {
        "Ann Vey": "chief executive of Corvex"
    }


def test_a_title_inside_the_name_found_is_the_role(model: str) -> None:
    # Without spaCy the title stays in the name ("Pensioner Terry Colley"); it is the role.
    text = "Shocked: Pensioner Terry Colley said the badger burst through a hedge."
    assert [role for name, role in roles(text).items() if name.endswith("Terry Colley")] == [
        "Pensioner"
    ]


def test_a_sentence_that_opens_on_the_role_gives_it(model: str) -> None:
    text = "The godfather of irreverent commercials, Stan Frey lampooned the big brands."
    assert roles(text) == {"Stan Frey": "godfather of irreverent commercials"}
    text = "The author of the report, Dr. Ann Lee, said the findings were clear."
    assert roles(text) == {"Ann Lee": "author of the report"}


def test_two_roles_for_two_names_go_one_each(model: str) -> None:
    text = (
        "Frank Frey died in hospital, his son and daughter, Donal Frey and Donna Frey, "
        "told reporters."
    )
    found = roles(text)
    assert found["Donna Frey"] == "Frank Frey's daughter"
    assert found.get("Donal Frey", "Frank Frey's son") == "Frank Frey's son"


def test_two_roles_joined_by_and_stay_one_title(model: str) -> None:
    text = "Recording Academy president and CEO Neil Ports said the night was a success."
    assert roles(text) == {"Neil Ports": "Recording Academy president and CEO"}


def test_a_role_introduced_inside_the_sentence_before_the_name(model: str) -> None:
    text = (
        "The row comes a day after it emerged a council candidate will be questioned by police. "
        "Kim Rowe, who stands in the east ward, denied any wrongdoing."
    )
    assert roles(text)["Kim Rowe"] == "council candidate"


def test_one_of_a_plural_role_is_the_role(model: str) -> None:
    text = "Tom Reed, one of Britain's top surgeons, said the trial was flawed."
    assert roles(text) == {"Tom Reed": "one of Britain's top surgeons"}
    assert roles("Tom Reed, one of the best, said little.") == {"Tom Reed": None}


def test_a_one_word_title_takes_the_organisation_after_the_name(model: str) -> None:
    text = "Officer Dan Pell of the Rundale Police Department said the dogs were safe."
    assert roles(text) == {"Dan Pell": "Officer of the Rundale Police Department"}


def test_a_plain_word_ending_in_ly_still_qualifies_a_title(model: str) -> None:
    text = "The statement came from the family's attorney, James Maron."
    assert roles(text) == {"James Maron": "family's attorney"}


def test_an_office_of_something_before_the_name_is_the_title(model: str) -> None:
    text = (
        "But Director of Public Prosecutions Helen Rudd said the case would not go ahead. "
        "Minister for Europe Karl Osmund said he was disappointed."
    )
    assert roles(text) == {
        "Helen Rudd": "Director of Public Prosecutions",
        "Karl Osmund": "Minister for Europe",
    }
    speakers = [a.speaker for a in summarise(text).attributions]
    assert speakers == [
        "Director of Public Prosecutions Helen Rudd",
        "Minister for Europe Karl Osmund",
    ]


def test_a_clause_of_where_a_person_lives_or_works_beats_a_form_of_address(model: str) -> None:
    text = (
        "Sister Agnes Dunn, who lives at the convent, said the door was open. "
        "Tom Hunt, who works for the Department of Health, said it was late. "
        "Lord Brill, who lived in Rome for years, said no."
    )
    found = roles(text)
    assert found["Agnes Dunn"] == "lives at the convent"
    assert found["Tom Hunt"] == "works for the Department of Health"
    assert found["Brill"] == "lived in Rome"


def test_a_role_found_in_a_person(model: str) -> None:
    text = (
        "A bid to sign another Harwick legend in Roy Tansley failed. "
        "The club found a new head coach in Dan Pell. "
        "She was a teacher in Tom Hunt's class."
    )
    assert roles(text) == {
        "Roy Tansley": "Harwick legend",
        "Dan Pell": "new head coach",
        "Tom Hunt": None,
    }


def test_a_thing_made_by_a_person_names_its_maker(model: str) -> None:
    text = (
        "In 2011, a website called Rentbook was created by Pablo Ferris. "
        "The Harwick Trust, which was founded by Ann Lee in 1990, closed. "
        "It was designed by Tom Hunt."
    )
    found = roles(text)
    assert found["Pablo Ferris"] == "creator of Rentbook"
    assert found["Ann Lee"] == "founder of the Harwick Trust"
    assert found["Tom Hunt"] is None


def test_a_description_pointing_back_to_the_person_just_named(model: str) -> None:
    text = (
        "Lord Brill signed a letter saying he wanted to stay. The Crown Prosecution Service "
        "has faced criticism since announcing that Brill would escape prosecution. But now it "
        "has emerged that the peer was well enough to sign his name."
    )
    assert roles(text)["Brill"] == "peer"
    text = (
        "The woman who accused premier league star Dan Fenwick has been pictured. "
        "Ann Moss, 34, had a brief fling with the £6million Harwick United defender at a party."
    )
    assert roles(text) == {"Dan Fenwick": "Harwick United defender", "Ann Moss": None}


def test_a_description_by_title_alone_is_someone_else(model: str) -> None:
    text = (
        "Feminist icon: actress Patsy Moon says the Duchess of Harwick is a heroine. "
        "Charity work: The Duchess is famous for her work."
    )
    assert roles(text) == {"Patsy Moon": "actress"}
    text = "Police arrested Tom Hunt on Friday. The constable was calm."
    assert roles(text) == {"Tom Hunt": None}


def test_a_role_the_sentence_before_gives_as_an_object(model: str) -> None:
    text = (
        "Last week it was revealed she over-ruled an expert in fraud cases by deciding not "
        "to charge Brill. Helen Dorr QC recommended a full trial."
    )
    assert roles(text)["Helen Dorr"] == "expert in fraud cases"
