"""Who said what: the attribution patterns of news text, with offsets into the input.

Every pattern runs through the public `summarise()` on text written for these tests, with the
dependency parse (`auto`) and, where rules can read it, without it (`none`).
"""

from __future__ import annotations

import pytest

from summarise import Position, summarise


def attributions(text: str) -> list[Position]:
    return summarise(text, sentences=1).attributions


def by_actor(text: str, name: str) -> list[Position]:
    return [a for a in attributions(text) if a.actor == name]


def stance(position: Position) -> str:
    return f"{position.text} {position.quote or ''}"


def test_said_that(model: str) -> None:
    text = "Harbour master Ines Varga said that the new pier would open in June."
    (found,) = by_actor(text, "Ines Varga")
    assert found.text == "the new pier would open in June"
    assert found.cue == "said"
    assert found.quote is None


def test_quote_then_speaker(model: str) -> None:
    text = '"We have never seen a season like this," Ines Varga said on Monday.'
    (found,) = by_actor(text, "Ines Varga")
    assert found.quote == "We have never seen a season like this"


def test_quote_then_inverted_speaker_with_apposition(model: str) -> None:
    text = '"The pier is safe," said Tomas Lind, a spokesman for the Port Authority.'
    found = summarise(text, sentences=1)
    (position,) = [a for a in found.attributions if a.actor == "Tomas Lind"]
    assert position.quote == "The pier is safe"
    lind = next(a for a in found.actors if a.name == "Tomas Lind")
    assert lind.role == "spokesman for the Port Authority"
    assert all(p.actor != "Port Authority" for p in found.attributions)


@pytest.mark.parametrize("mark", ['"', "'"])
def test_speaker_colon_quote_in_double_and_single_marks(model: str, mark: str) -> None:
    text = (
        f"The harbour reopened on Friday. Ines Varga said: {mark}Nobody expected the ice to "
        f"break so early. We are ready for the boats.{mark} Traffic resumed at noon."
    )
    (found,) = by_actor(text, "Ines Varga")
    assert found.quote == "Nobody expected the ice to break so early. We are ready for the boats"


def test_a_quote_split_around_its_cue_is_one_statement(model: str) -> None:
    text = (
        "Harbour master Ines Varga walked along the pier. "
        '"The ice broke early," she said. "We were ready for it, and the boats came in."'
    )
    (found,) = by_actor(text, "Ines Varga")
    assert found.quote == "The ice broke early We were ready for it, and the boats came in"


def test_a_quote_running_over_paragraphs_until_its_closing_mark(model: str) -> None:
    text = (
        'Ines Varga said: "The ice broke early this year and we were not ready.\n'
        '"By the time the boats arrived, the crews had worked three nights in a row."\n'
        "The port reopened on Friday."
    )
    (found,) = by_actor(text, "Ines Varga")
    assert "we were not ready" in (found.quote or "")
    assert "three nights in a row" in (found.quote or "")
    assert "reopened" not in (found.quote or "")


def test_according_to(model: str) -> None:
    text = "According to Ines Varga, the pier will cost twice the first estimate."
    (found,) = by_actor(text, "Ines Varga")
    assert found.text == "the pier will cost twice the first estimate"
    assert found.cue == "According to"


def test_told_reporters(model: str) -> None:
    text = "Ines Varga told reporters the repairs would take a month."
    (found,) = by_actor(text, "Ines Varga")
    assert found.text == "the repairs would take a month"


def test_who_clause_between_speaker_and_cue(model: str) -> None:
    text = "Ines Varga, who has run the harbour since 2019, said the fees would rise in spring."
    found = by_actor(text, "Ines Varga")
    assert any(p.text == "the fees would rise in spring" for p in found)


def test_passive_quoted_as_saying(parsed: str) -> None:
    text = 'Ines Varga was quoted as saying that "the harbour has never been busier."'
    (found,) = by_actor(text, "Ines Varga")
    assert found.quote == "the harbour has never been busier"


def test_stances_without_a_speech_verb(model: str) -> None:
    text = (
        "Councillor Ines Varga opposes the plan to sell the old pier. "
        "Mayor Tomas Lind wants a vote before the summer."
    )
    (varga,) = by_actor(text, "Ines Varga")
    assert varga.text.startswith("opposes the plan to sell the old pier")
    (lind,) = by_actor(text, "Tomas Lind")
    assert lind.text.startswith("wants a vote before the summer")


def test_curly_and_straight_marks_alike(model: str) -> None:
    curly = "“The pier is safe,” Ines Varga said. ‘We checked it twice,’ Tomas Lind said."
    varga = by_actor(curly, "Ines Varga")
    lind = by_actor(curly, "Tomas Lind")
    assert [p.quote for p in varga] == ["The pier is safe"]
    assert [p.quote for p in lind] == ["We checked it twice"]


def test_an_unbalanced_quote_does_not_stop_the_article(model: str) -> None:
    text = (
        'The notice read "closed until further notice. Ines Varga said the pier would reopen. '
        "Tomas Lind said the ferry would run on Sunday."
    )
    assert by_actor(text, "Tomas Lind")[0].text == "the ferry would run on Sunday"


def test_pronouns_follow_gender_and_the_last_speaker(model: str) -> None:
    text = (
        "Ms Ines Varga met Mr Tomas Lind at the harbour on Monday. "
        '"The ice is gone," she said. '
        '"We can sail again," he said.'
    )
    assert [p.quote for p in by_actor(text, "Ines Varga")] == ["The ice is gone"]
    assert [p.quote for p in by_actor(text, "Tomas Lind")] == ["We can sail again"]


def test_a_description_means_the_person_whose_role_it_is(model: str) -> None:
    text = (
        "Transport Minister Ines Varga visited the pier with harbour master Tomas Lind. "
        "The minister said the repairs would be paid for by the state."
    )
    (found,) = by_actor(text, "Ines Varga")
    assert found.speaker == "The minister"
    assert found.text == "the repairs would be paid for by the state"


def test_an_age_description_means_the_last_person_named(model: str) -> None:
    text = (
        "Tomas Lind, 45, was rescued from the water on Sunday. "
        "The 45-year-old said he had been fishing alone."
    )
    (found,) = by_actor(text, "Tomas Lind")
    assert found.text == "he had been fishing alone"


def test_according_to_one_person_another_indicated(model: str) -> None:
    text = (
        "The mayor met the union on Monday, where, according to Ines Varga, Tomas Lind "
        "indicated an openness to a shorter working week."
    )
    found = attributions(text)
    lind = [p for p in found if p.actor == "Tomas Lind"]
    assert lind and lind[0].reported_by == "Ines Varga"
    assert lind[0].text.startswith("indicated an openness to a shorter working week")
    assert all("openness" not in p.text for p in found if p.actor == "Ines Varga")


def test_a_quote_reports_what_the_man_it_speaks_of_argued(model: str) -> None:
    text = (
        "Lord Brennan, a former judge, was ruled unfit to stand trial last week. Tom Price, "
        "head of the charity, added: 'How can they say he is unfit when he himself has argued "
        "that age should not be a barrier to prosecution?'"
    )
    found = attributions(text)
    (brennan,) = [p for p in found if p.actor == "Brennan"]
    assert brennan.text.endswith("age should not be a barrier to prosecution")
    assert brennan.speaker == "he"
    assert brennan.reported_by == "Tom Price"
    (price,) = [p for p in found if p.actor == "Tom Price"]
    assert price.quote is not None and price.quote.startswith("How can they say")


def test_a_description_in_a_quote_means_the_person_whose_role_it_is(model: str) -> None:
    text = (
        "Harbour Town manager Piet Visser watched from the stand. Striker Leo Brandt added: "
        "'The manager said to us beforehand that we were lucky to be playing in a final like "
        "this.'"
    )
    (visser,) = by_actor(text, "Piet Visser")
    assert visser.text == "we were lucky to be playing in a final like this"
    assert visser.reported_by == "Leo Brandt"


def test_a_name_in_a_quote_takes_the_claim_made_of_it(model: str) -> None:
    text = (
        "Mayor Anders Olsen opened the harbour on Monday. Tom Price said: 'Olsen has claimed "
        "that the pier will be safe by June.'"
    )
    (olsen,) = by_actor(text, "Anders Olsen")
    assert olsen.text.endswith("claimed that the pier will be safe by June")
    assert olsen.reported_by == "Tom Price"


def test_a_pronoun_in_a_quote_means_the_man_the_quote_names(model: str) -> None:
    text = (
        "Mr Anders Olsen opened the harbour on Monday. Harbour master John Visser closed the "
        "pier on Tuesday. Tom Price said: 'Mr Olsen is wrong. He has claimed that the pier "
        "will be safe by June.'"
    )
    found = attributions(text)
    assert [(p.actor, p.reported_by) for p in found if p.cue == "claimed"] == [
        ("Anders Olsen", "Tom Price")
    ]


def test_a_quoted_speakers_own_words_and_suppositions_stay_theirs(model: str) -> None:
    text = (
        "Harbour master John Visser closed the pier on Monday. Tom Price added: 'I said that "
        "the pier was unsafe. He would say that the council knew it, and they say that the "
        "repairs will take a year. If he argued that the pier was safe, he was wrong.'"
    )
    assert [p.actor for p in attributions(text)] == ["Tom Price"]


def test_a_claim_inside_anothers_assertion_stays_theirs(parsed: str) -> None:
    text = (
        "Tomas Lind has not confirmed the talks, despite Ines Varga's assertion that both "
        "Lind and the union have expressed a willingness to meet."
    )
    found = attributions(text)
    lind = [p.text for p in found if p.actor == "Tomas Lind"]
    assert lind == ["has not confirmed the talks"]
    assert any("willingness to meet" in p.text for p in found if p.actor == "Ines Varga")


def test_unnamed_sources_are_attributions_without_an_actor(model: str) -> None:
    text = "Local officials said the bridge would stay closed until the inspection ends."
    (found,) = attributions(text)
    assert found.actor is None
    assert found.speaker == "Local officials"
    assert found.text == "the bridge would stay closed until the inspection ends"


def test_stances_start_where_a_reader_can_start(model: str) -> None:
    text = (
        "The council backed the plan for the old pier, whose future, Ines Varga has said, "
        "depends on the ferry contract."
    )
    for position in attributions(text):
        assert not position.text.lower().startswith(("where", "whose", "which", "despite", ","))


def test_offsets_point_into_the_text_as_given(model: str) -> None:
    text = (
        "HARBOURTOWN \u2013 The port\u00a0reopened.\n\n"
        "\u201cThe ice broke early,\u201d  harbour master Ines Varga said on Monday.\n"
        "Tomas Lind told reporters the ferries would run  on Sunday."
    )
    found = attributions(text)
    varga = next(p for p in found if p.actor == "Ines Varga")
    assert varga.span is not None and varga.cue_span is not None
    assert varga.speaker_span is not None
    assert text[slice(*varga.span)] == "\u201cThe ice broke early,\u201d"
    assert text[slice(*varga.cue_span)] == "said"
    assert text[slice(*varga.speaker_span)].endswith("Ines Varga")
    lind = next(p for p in found if p.actor == "Tomas Lind")
    assert lind.span is not None
    assert text[slice(*lind.span)] == "the ferries would run  on Sunday"
    assert [p.span for p in found] == sorted(p.span for p in found if p.span)


def test_positions_are_the_attributions_of_each_actor(model: str) -> None:
    text = "Ines Varga said the pier would open in June. Tomas Lind said it would not."
    digest = summarise(text, sentences=1)
    varga = next(a for a in digest.actors if a.name == "Ines Varga")
    assert varga.positions == [p for p in digest.attributions if p.actor == "Ines Varga"]


def test_a_parenthetical_cue_reports_the_clause_it_interrupts(model: str) -> None:
    text = (
        "The ferry plan needs the consent of the harbour board, whose charter, "
        "Councillor Ines Varga has said, forbids any sale of the pier."
    )
    (found,) = by_actor(text, "Ines Varga")
    assert found.text == "charter forbids any sale of the pier"


def test_a_parenthetical_cue_in_a_plain_sentence(model: str) -> None:
    text = "The old pier was a landmark, Ines Varga said, until the storm of 1998."
    (found,) = by_actor(text, "Ines Varga")
    assert found.text == "The old pier was a landmark until the storm of 1998"


def test_who_the_speaker_believes_is_the_speakers_belief(parsed: str) -> None:
    text = (
        'The talks depend on Tomas Lind, who Maria Lopez believes may be "ready to sign," '
        "according to the minutes."
    )
    assert [p.text for p in by_actor(text, "Maria Lopez")] == ["may be ready to sign"]
    assert not any("ready to sign" in stance(p) for p in by_actor(text, "Tomas Lind"))


def test_a_quote_after_told_and_a_possessive_outlet(model: str) -> None:
    text = (
        "Harbour master Ines Varga told the Harbourtown Weekly's reporters: 'We saw the ice "
        "break in one night.' The ferry ran on Sunday."
    )
    (found,) = by_actor(text, "Ines Varga")
    assert found.quote == "We saw the ice break in one night"


def test_continued_credits_a_quote_only(model: str) -> None:
    text = (
        "Mayor Ines Varga spoke at the pier. 'We were ready,' continued the mayor. "
        "Prices continued to rise all week."
    )
    found = attributions(text)
    assert [p.quote for p in found if p.actor == "Ines Varga"] == ["We were ready"]
    assert all(p.cue != "continued" or p.quote for p in found)


def test_a_clause_before_said_and_an_inverted_speaker(parsed: str) -> None:
    text = (
        "The snow on the pass now reaches two metres, said Tomas Lind, supervisor of the "
        "mountain rescue service."
    )
    (found,) = by_actor(text, "Tomas Lind")
    assert found.text == "The snow on the pass now reaches two metres"


def test_a_mark_standing_alone_closes_the_open_quote(model: str) -> None:
    text = (
        'Ines Varga said: "The ice broke early. " Then the boats came back. '
        "Tomas Lind said the ferry would run on Sunday."
    )
    assert by_actor(text, "Tomas Lind")[0].text == "the ferry would run on Sunday"
    (varga,) = by_actor(text, "Ines Varga")
    assert varga.quote == "The ice broke early"


def test_she_far_from_any_name_means_the_one_woman_named(model: str) -> None:
    text = (
        "Ms Ines Varga opened the harbour in 2019. "
        "The harbour has four piers. The piers were built in 1910. "
        "Boats have used them for a century. The ice came early this year. "
        "She said the piers would be repaired in spring."
    )
    (found,) = by_actor(text, "Ines Varga")
    assert found.text == "the piers would be repaired in spring"


def test_a_description_that_speaks_gives_a_person_without_a_role_their_role(model: str) -> None:
    text = (
        "Tomas Lind was found alive on Sunday after three days at sea. "
        "The relieved fisherman said he had never lost hope."
    )
    lind = next(a for a in summarise(text, sentences=1).actors if a.name == "Tomas Lind")
    assert lind.role == "relieved fisherman"
    assert [p.text for p in lind.positions] == ["he had never lost hope"]


def test_a_quote_split_by_its_cue_in_one_sentence(parsed: str) -> None:
    text = (
        "'At least the pier held,' said harbour master Ines Varga in a statement, "
        "'I cannot say the same for the boats.'"
    )
    (found,) = by_actor(text, "Ines Varga")
    assert found.quote == "At least the pier held I cannot say the same for the boats"


def test_said_colon_closing_a_paragraph_takes_the_quote_below(model: str) -> None:
    text = (
        "Harbour master Maria Lopez spoke after the storm. She said:\n"
        '"We lost two boats and nobody was hurt."\n'
        "The port reopened on Friday."
    )
    (found,) = by_actor(text, "Maria Lopez")
    assert found.quote == "We lost two boats and nobody was hurt"


def test_objects_findings_and_bodies_that_take_a_stance(parsed: str) -> None:
    text = (
        "The Lopez campaign called the charges unsubstantiated. "
        "Maria Lopez noted the rising cost of the pier. "
        "A study by the harbour board found that the pier was safe. "
        "Tomas Lind was found alive on Sunday."
    )
    found = [(p.speaker, p.text) for p in attributions(text)]
    assert ("The Lopez campaign", "called the charges unsubstantiated") in found
    assert ("Maria Lopez", "noted the rising cost of the pier") in found
    assert ("A study", "found that the pier was safe") in found
    assert not any("found alive" in text for _, text in found)


def test_two_apostrophes_are_a_double_quotation_mark(model: str) -> None:
    text = "''This is not reform,'' said Maria Lopez, the harbour economist."
    digest = summarise(text, sentences=1)
    (found,) = [p for p in digest.attributions if p.actor == "Maria Lopez"]
    assert found.quote == "This is not reform"
    assert found.span is not None and "This is not reform" in text[slice(*found.span)]


def test_listeners_and_targets_are_not_speakers(parsed: str) -> None:
    text = (
        "Maria Lopez was asked to pay the harbour fee. "
        "Tomas Lind was described as a hero by the crew. "
        "Maria Lopez confirmed to the Harbour Gazette that the fee had been paid."
    )
    found = attributions(text)
    assert [p.text for p in found if p.actor == "Maria Lopez"] == [
        "confirmed to the Harbour Gazette that the fee had been paid"
    ]
    assert not [p for p in found if p.actor == "Tomas Lind"]


def test_a_cue_after_a_while_clause_is_not_the_first_subjects(parsed: str) -> None:
    text = (
        "Last month a judge ordered Tom Fenn to pay the costs. The defender has not spoken "
        "about the incident publicly, while his friend Ray Bolt - who Ann claims offered her "
        "the money - declined to comment."
    )
    assert not any("comment" in stance(p) for p in by_actor(text, "Tom Fenn"))


@pytest.mark.parametrize(
    "text",
    [
        "The woman falsely accused of blackmailing striker Leo Marsh has spoken out. "
        "Anna Pell, 29, met him at a party.",
        "The fling turned sour after Anna Pell found herself falsely accused of trying to "
        "extort money from the striker.",
        "The judge ordered the club to pay Anna Pell's estimated legal costs of £30,000.",
    ],
)
def test_what_is_said_of_someone_is_not_their_position(model: str, text: str) -> None:
    assert by_actor(text, "Anna Pell") == []


def test_a_passive_subject_is_acted_on_but_a_passive_of_belief_is_held(model: str) -> None:
    ruled = "Tom Raine resigned a week before he was ruled unfit to stand trial."
    assert by_actor(ruled, "Tom Raine") == []
    alleged = "Tom Raine's alleged victims have accused him of lying to the court."
    assert all(a.cue != "alleged" for a in attributions(alleged))
    opposed = "Councillor Tom Raine was opposed to the new bypass."
    (found,) = by_actor(opposed, "Tom Raine")
    assert "opposed to the new bypass" in found.text


@pytest.mark.parametrize(
    "text",
    [
        "Earlier in the 1990s, Greta Holm helped create and write the comedy Dusk.",
        "His death was announced on Monday. His daughter Greta Holm confirmed to the Gazette.",
        "Peter Vance invited Greta Holm to the party, but she declined and they parted.",
    ],
)
def test_a_cue_with_no_claim_after_it_gives_no_position(model: str, text: str) -> None:
    assert by_actor(text, "Greta Holm") == []


def test_who_someone_is_is_not_what_they_say(model: str) -> None:
    text = "The health editor of the Courier, Dr. Omar Field, agrees with the surgeons."
    assert [a.text for a in by_actor(text, "Omar Field")] == ["agrees with the surgeons"]


def test_names_joined_by_and_all_take_the_position(model: str) -> None:
    text = "Peter Hale, Tom Price and Anna Berg said the plan was dead."
    speakers = {a.actor: a.text for a in attributions(text)}
    assert speakers == {
        name: "the plan was dead" for name in ("Peter Hale", "Tom Price", "Anna Berg")
    }


@pytest.mark.parametrize(
    "text",
    [
        "The lawyer for Peter Hale and Anna Berg said the plan was dead.",
        "Peter Hale, Anna Berg's lawyer, said the plan was dead.",
    ],
)
def test_a_name_the_speaker_only_mentions_does_not_speak(model: str, text: str) -> None:
    assert by_actor(text, "Anna Berg") == []


@pytest.mark.parametrize(
    "text",
    [
        "The family is hopeful for a full recovery, according to a statement released on "
        "Monday from the family's lawyer, James Maron.",
        "According to a statement from the family's lawyer, James Maron, the family is "
        "hopeful for a full recovery.",
    ],
)
def test_according_to_a_statement_from_someone_is_theirs(model: str, text: str) -> None:
    (found,) = by_actor(text, "James Maron")
    assert found.text.lower() == "the family is hopeful for a full recovery"


def test_an_inverted_speaker_after_titles_is_the_name_they_lead_to(model: str) -> None:
    text = (
        "The awards mix music and politics. 'We are proud to honour Ana Ruiz for her work.' "
        "said Academy president and CEO Neil Portman. The evening went on."
    )
    (found,) = by_actor(text, "Neil Portman")
    assert found.quote == "We are proud to honour Ana Ruiz for her work"


def test_a_name_and_its_apposition_after_the_statement_speak_it(model: str) -> None:
    text = "The reservoir is at its lowest for years, Ann Lee, the water board's supervisor, said."
    (found,) = by_actor(text, "Ann Lee")
    assert found.text == "The reservoir is at its lowest for years"
