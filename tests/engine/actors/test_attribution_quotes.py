"""Quotations that the sentence splitter or the layout sets apart from their cue."""

from __future__ import annotations

from summarise import Position, summarise
from summarise.positions.speakers import MentionAt, SpeakerResolver


def by_actor(text: str, name: str) -> list[Position]:
    return [a for a in summarise(text, sentences=1).attributions if a.actor == name]


def test_a_question_quote_before_its_cue_sentence(model: str) -> None:
    # The splitter ends a sentence at `?"`; the cue after it still claims the quote.
    text = (
        "Senator Ruth Calder questioned the bank's chief for an hour. "
        '"Why did nobody stop this?" Calder demanded. The hearing ended at noon.'
    )
    (found,) = by_actor(text, "Ruth Calder")
    assert found.quote == "Why did nobody stop this?"
    assert found.cue == "demanded"


def test_an_exclamation_quote_before_a_cue_with_a_trailing_clause(model: str) -> None:
    text = (
        "Mayor Leon Duarte opened the new bridge on Sunday. "
        '"What a day for this town!" Duarte said, looking out over the river.'
    )
    (found,) = by_actor(text, "Leon Duarte")
    assert found.quote == "What a day for this town!"


def test_a_statement_before_its_sentence_is_not_claimed_by_a_later_cue(model: str) -> None:
    text = (
        'Mayor Leon Duarte opened the bridge. "It took four years." '
        "Engineer Mia Holt said the steel came from Norway."
    )
    assert all(a.quote is None for a in by_actor(text, "Mia Holt"))


def test_an_inverted_cue_with_an_aged_description(parsed: str) -> None:
    text = (
        "The novel was praised by critics and by Greta Lindqvist. "
        "'I think the ending is the best part,' continued the 71-year-old author."
    )
    found = by_actor(text, "Greta Lindqvist")
    assert [a.quote for a in found if a.quote] == ["I think the ending is the best part"]
    assert found[-1].cue == "continued"


def test_a_quote_signed_with_a_horizontal_bar(model: str) -> None:
    text = (
        "Readers wrote in after the debate.\n"
        "\u201cThe candidates never answered the question about rents.\u201d\u2015 Paula Brandt\n"
        "\u201cI stopped watching after ten minutes.\u201d \u2015 Omar Reyes"
    )
    (brandt,) = by_actor(text, "Paula Brandt")
    assert brandt.quote == "The candidates never answered the question about rents"
    (reyes,) = by_actor(text, "Omar Reyes")
    assert reyes.quote == "I stopped watching after ten minutes"


def test_a_description_naming_its_person_before_the_cue(parsed: str) -> None:
    text = (
        "The author of a history of the canal, Marta Sendino, wrote in her book: "
        "'The locks were built by hand over twenty years.' The canal closed in 1961."
    )
    (found,) = by_actor(text, "Marta Sendino")
    assert found.quote == "The locks were built by hand over twenty years"


def test_titles_joined_before_a_name_credit_the_name(parsed: str) -> None:
    text = (
        "Prize winner and travel writer Iris Vantongeren has described the town as "
        "'a postcard that never ends'. The town has 4,000 people."
    )
    (found,) = by_actor(text, "Iris Vantongeren")
    assert "postcard" in found.text


def test_a_person_after_a_preposition_is_not_the_speaker(parsed: str) -> None:
    text = (
        "Builder Arno Kessler was charged in March. "
        "The lawyer for Arno Kessler said the charges would be dropped."
    )
    assert by_actor(text, "Arno Kessler") == []


def test_the_quote_a_colon_introduces_beats_an_earlier_quote(parsed: str) -> None:
    text = (
        "Striker Dario Pellegrini played down the 'victory dance' story by telling Radio "
        "Uno: 'That game has nothing to do with it.' He scored twice on Sunday."
    )
    (found,) = by_actor(text, "Dario Pellegrini")
    assert found.quote == "That game has nothing to do with it"


def test_a_speaker_in_apposition_before_a_cue_the_parse_gives_another_subject(
    parsed: str,
) -> None:
    # A caption glued to the next paragraph: the parse takes the council for the subject.
    text = (
        "The council faced criticism after announcing that the mayor would escape a hearing "
        "because he has Parkinson's disease Nadia Okafor, chair of the National Group for "
        "Patients Harmed in Hospitals, added: 'He could not have signed this.'"
    )
    (found,) = by_actor(text, "Nadia Okafor")
    assert found.quote == "He could not have signed this"
    assert found.speaker == "Nadia Okafor"
    okafor = next(a for a in summarise(text, sentences=1).actors if a.name == "Nadia Okafor")
    assert okafor.role != "council"


def test_what_was_told_after_the_listener_without_that(parsed: str) -> None:
    text = (
        "Nora Kade told the Daily Ledger newspaper she avoided hitting a crash in front of her "
        "and ended up propped against a highway barrier."
    )
    (found,) = by_actor(text, "Nora Kade")
    assert found.text.startswith("she avoided hitting a crash")


def test_what_was_said_after_a_time_phrase(parsed: str) -> None:
    text = (
        "Gil Navarro, a spokesman for the family, said later in the day that the singer was "
        "back home resting with his grandchildren."
    )
    (found,) = by_actor(text, "Gil Navarro")
    assert found.text.startswith("the singer was back home")


def test_a_that_clause_after_in_a_statement(parsed: str) -> None:
    text = (
        "Ruth Ebner, the president of the Canal Society, said in a statement that the new "
        'law was the first of what her group hopes "will be many such laws."'
    )
    (found,) = by_actor(text, "Ruth Ebner")
    assert found.text.startswith("the new law was the first")


def test_a_clause_joined_with_but_goes_on_with_what_was_said(parsed: str) -> None:
    text = (
        "Prosecutor Hanna Solberg told the Valley Gazette that Norway has a treaty with the "
        "US, but their aim now is to finish the inquiry and find the victims first."
    )
    (found,) = by_actor(text, "Hanna Solberg")
    assert "find the victims first" in found.text


def test_a_parenthetical_cue_before_an_auxiliary(parsed: str) -> None:
    text = (
        "Defense lawyer Ines Carver spoke for an hour. "
        "The younger man, Carver said, was only following his brother."
    )
    said = [p for p in by_actor(text, "Ines Carver") if p.cue == "said"]
    assert [p.text for p in said] == ["The younger man was only following his brother"]


def test_a_description_means_a_role_holder_already_named(parsed: str) -> None:
    # The deputy minister is named only later: "the former minister" is the man named before.
    text = (
        "Arthur Penhale has warned that the party wants a second vote on the treaty. "
        "The former minister said that the answers on the issue are 'all evasion'. "
        "Deputy Minister Rhona Kells said the party would win."
    )
    found = [a for a in summarise(text, sentences=1).attributions if a.cue == "said"]
    assert found[0].actor == "Arthur Penhale"


def test_a_stance_verb_after_a_negation(parsed: str) -> None:
    text = "In her first campaign, Senator Mara Voigt did not support the canal tax."
    (found,) = by_actor(text, "Mara Voigt")
    assert "support the canal tax" in found.text


def test_a_gendered_description_means_the_last_person_of_that_sex(parsed: str) -> None:
    text = (
        "Mrs. Alma Ferris planted tomatoes with pupils from Dale School on Monday. "
        "The first lady, who wore a red coat, was announcing a new school garden scheme."
    )
    found = summarise(text, sentences=1)
    (position,) = [a for a in found.attributions if a.cue == "announcing"]
    assert position.actor == "Alma Ferris"
    ferris = next(a for a in found.actors if a.name == "Alma Ferris")
    assert ferris.role == "first lady"


def test_a_person_named_as_before_the_cue_speaks(parsed: str) -> None:
    # A quotation glued to the next paragraph gives "told" a wrong subject in the parse.
    text = (
        "Yes this is the town now. Fear, hunger and cold' One resident, named only as Karim, "
        "told the group how dozens of people had fled the city."
    )
    (found,) = by_actor(text, "Karim")
    assert found.text == "how dozens of people had fled the city"


def test_a_single_quote_closing_on_a_plural_before_a_function_word(model: str) -> None:
    text = (
        "Former premier Ross Alder urged 'patriotic Scots' to vote for his party. "
        "He said: 'There is a candidate in this town who wants another vote.'"
    )
    said = [p for p in by_actor(text, "Ross Alder") if p.cue == "said"]
    assert [p.quote for p in said] == ["There is a candidate in this town who wants another vote"]


def test_a_plural_possessive_is_not_a_closing_mark(model: str) -> None:
    text = "Coach Ines Varga said: 'The players' union agreed to the deal on Friday.'"
    (found,) = by_actor(text, "Ines Varga")
    assert found.quote == "The players' union agreed to the deal on Friday"


def test_what_a_participle_calls_something(parsed: str) -> None:
    text = (
        "Otto Brandl, a farmer, refused to hand his goats to the officers on Monday, calling them "
        "'his family.'"
    )
    calling = [p for p in by_actor(text, "Otto Brandl") if p.cue == "calling"]
    assert [p.text for p in calling] == ["calling them 'his family.'"]


def test_so_says_points_back_to_the_sentence_before(parsed: str) -> None:
    text = (
        "The harbour is the finest in the north and has done more for the town than anything "
        "else. Or so says harbour master Ines Varga."
    )
    (found,) = by_actor(text, "Ines Varga")
    assert found.text.startswith("The harbour is the finest in the north")


def test_what_a_listener_is_told_to_do(parsed: str) -> None:
    text = (
        "Candidate Rosa Quint tells her supporters at a rally in Dover to \u201cgo to your "
        "polling place and vote\u201d before noon."
    )
    (found,) = by_actor(text, "Rosa Quint")
    assert "go to your polling place and vote" in found.text


def test_a_nominee_speaks(parsed: str) -> None:
    text = (
        "The Republican nominee also outlined his transport plan and vowed to harshly punish "
        "\u201cthose who dodge the tolls.\u201d"
    )
    (found,) = [a for a in summarise(text, sentences=1).attributions if a.cue == "vowed"]
    assert found.speaker == "The Republican nominee"
    assert "punish" in found.text


def test_a_description_reaches_back_one_sentence_only() -> None:
    sentences = [
        "Lena Hart met the footballer at a party.",
        "They talked for an hour.",
        "The pair parted at the door.",
        "The defender has not spoken about it.",
    ]
    near = SpeakerResolver(sentences[2:], [MentionAt(0, 0, 4, 13, True)], {})
    far = SpeakerResolver(sentences, [MentionAt(0, 0, 0, 9, True)], {})
    assert near.description(1, 4, "The defender", "defender") == 0
    assert far.description(3, 4, "The defender", "defender") is None


def test_a_statement_repeated_by_a_caption_is_one_position(model: str) -> None:
    text = (
        "Mayor Leon Duarte said the bridge would open in May. Work began in 2021.\n"
        "Mayor Leon Duarte said the bridge would open in May\n"
        "The council approved the budget on Friday."
    )
    digest = summarise(text, sentences=1)
    duarte = next(a for a in digest.actors if a.name == "Leon Duarte")
    assert [p.text for p in duarte.positions] == ["the bridge would open in May"]
    assert len([a for a in digest.attributions if a.actor == "Leon Duarte"]) == 2


def test_a_partial_quote_comes_with_the_clause_it_ends(parsed: str) -> None:
    text = (
        "Blues singer Ray Olsen was in hospital. His illness was caused by his diabetes, but "
        'he "is much better," his daughter, Mia Olsen, told the Daily Ledger.'
    )
    (found,) = by_actor(text, "Mia Olsen")
    assert found.text.startswith("His illness was caused by his diabetes")
    assert found.quote == "is much better"


def test_a_quote_before_another_cue_is_not_claimed_across_it(parsed: str) -> None:
    text = (
        "Lawyer Ravi Sandhu described the meeting as a 'planning offence' and said that his "
        "client felt 'deep remorse'."
    )
    felt = [a for a in summarise(text, sentences=1).attributions if a.cue == "felt"]
    assert all("planning offence" not in a.text for a in felt)


def test_a_passive_lead_after_a_time_of_day(model: str) -> None:
    text = "At 10:30 the new budget was backed by auditor Lena Holm in a short statement."
    (found,) = by_actor(text, "Lena Holm")
    assert "budget" in found.text


def test_letters_after_a_name_are_not_part_of_it(model: str) -> None:
    text = (
        "The court heard from an expert in planning law. "
        "Miriam Osei QC recommended a 'trial of the facts' in the defendant's absence."
    )
    found = summarise(text, sentences=1)
    person = next(a for a in found.actors if a.name == "Miriam Osei")
    assert person.type == "person"
    assert any("trial of the facts" in p.text for p in person.positions)


def test_an_office_with_of_before_a_name_is_not_part_of_it(model: str) -> None:
    text = "Director of Public Prosecutions Helen Rudd said the case would not go to trial."
    found = summarise(text, sentences=1)
    assert [a.name for a in found.actors if a.type == "person"] == ["Helen Rudd"]


def test_a_subject_reported_missing_is_not_a_speaker(model: str) -> None:
    text = (
        "Climber Rosa Ilves, 41, was found alive on Thursday. "
        "Ilves was reported missing on March 2 after a storm. "
        "She is said to be recovering well in hospital."
    )
    assert by_actor(text, "Rosa Ilves") == []
    unnamed = [a for a in summarise(text, sentences=1).attributions if a.actor is None]
    assert [a.cue for a in unnamed] == ["reported", "said"]
    assert unnamed[0].text.startswith("Ilves was reported missing on March 2")


def test_a_shared_surname_means_the_one_not_written_in_full(model: str) -> None:
    # The writer keeps naming the father in full so that the bare surname means the son.
    text = (
        "Harald Berg last spoke to his son, Nils Berg, before the boat left port. "
        "Harald Berg told reporters he had never stopped hoping. "
        'Harald Berg said: "He is a strong swimmer." '
        '"The mast broke on the first night," Berg said. '
        "Berg said he lived on rainwater for three weeks."
    )
    cues = [a.text for a in by_actor(text, "Nils Berg")]
    assert any("The mast broke" in text for text in cues)
    assert any("rainwater" in text for text in cues)
    assert not any("rainwater" in a.text for a in by_actor(text, "Harald Berg"))


def test_the_father_is_not_the_one_called_a_son(model: str) -> None:
    text = (
        "Harald Berg last spoke to his son, Nils Berg, before the boat left port. "
        '"I thought I had lost you," the relieved father said.'
    )
    (found,) = by_actor(text, "Harald Berg")
    assert found.quote == "I thought I had lost you"
    assert by_actor(text, "Nils Berg") == []


def test_mr_before_a_surname_makes_the_full_name_a_person(parsed: str) -> None:
    # The model may read an unfamiliar full name as an organisation; "Mr Dhaliwal" settles it.
    text = (
        "The trial opened at Leeds Crown Court on Monday. "
        "Gurpreet Dhaliwal, defending, described the meeting as a 'preparatory offence' and "
        "said the defendant was of good character. "
        "Mr Dhaliwal told the court that the family had moved to Leeds in 2009."
    )
    digest = summarise(text, sentences=1)
    (dhaliwal,) = [a for a in digest.actors if a.name == "Gurpreet Dhaliwal"]
    assert dhaliwal.type == "person"
    assert len(dhaliwal.positions) == 3
    assert dhaliwal.role == "defence lawyer"


def test_a_description_after_two_people_names_no_one(model: str) -> None:
    # "The defender" could be either person of the sentence before: neither speaks, and
    # neither is given the description as a role.
    text = (
        "Tara Quist, 29, met footballer Leon Marsh at a club in March. "
        "A judge ordered Marsh to pay Tara's legal costs last month. "
        "The defender has not commented on the ruling since."
    )
    digest = summarise(text, sentences=1)
    quist = next(a for a in digest.actors if a.name == "Tara Quist")
    assert quist.role != "defender"
    assert all(a.actor != "Tara Quist" for a in digest.attributions)


def test_a_second_quote_after_its_own_cue_is_a_second_statement(model: str) -> None:
    text = (
        '"We cannot afford to do this any more," Governor Ada Quint said, adding later, '
        '"The pension fund is costing us a fortune, and we are spending far too much."'
    )
    found = by_actor(text, "Ada Quint")
    assert [a.quote for a in found] == [
        "We cannot afford to do this any more",
        "The pension fund is costing us a fortune, and we are spending far too much",
    ]
    assert [a.cue for a in found] == ["said", "adding"]


def test_mrs_before_a_shared_surname_means_the_woman(model: str) -> None:
    text = (
        "Colin Marsh, who runs the victims' charity, said the decision was a disgrace. "
        "Chief prosecutor Helen Marsh said she had made the decision alone. "
        "Ray Dunn was consulted by Mrs Marsh before the ruling. "
        "She said Mr Dunn was a lawyer of the highest integrity."
    )
    (found,) = [a for a in by_actor(text, "Helen Marsh") if "integrity" in a.text]
    assert found.speaker == "She"
    assert not any("integrity" in a.text for a in by_actor(text, "Colin Marsh"))


def test_a_subject_inside_the_quotation_is_not_the_speaker(parsed: str) -> None:
    # The parse may hang "adding" on the quoted verb and give it the quote's subject.
    text = (
        '"We certainly cannot afford to do this anymore," Trump said, adding later, '
        '"NATO is costing us a fortune, and we are spending a lot of money."'
    )
    speakers = [(a.speaker, a.cue) for a in summarise(text, sentences=1).attributions]
    assert speakers == [("Trump", "said"), ("Trump", "adding")]


def test_a_stance_with_a_quoted_object_reads_with_its_verb(model: str) -> None:
    text = (
        "Tomas Grell, 41, was jailed for two years on Monday. "
        "His lawyer said Grell felt 'deep regret' for what he had done."
    )
    (found,) = by_actor(text, "Tomas Grell")
    assert found.text.startswith("felt 'deep regret'")


def test_a_quoted_phrase_at_the_end_of_a_stance_keeps_its_closing_mark(model: str) -> None:
    text = "Councillor Amy Hale called the plan 'a disgrace to the town'. The vote is on Monday."
    (found,) = by_actor(text, "Amy Hale")
    assert found.text == "called the plan 'a disgrace to the town'"


def test_mrs_before_a_word_that_names_a_place_makes_a_person(model: str) -> None:
    text = "The verdict came late on Friday. Ms Lane said she was relieved."
    (found,) = by_actor(text, "Lane")
    assert found.text == "she was relieved"


def test_the_one_asked_or_told_before_the_comma_is_no_speaker_of_it(model: str) -> None:
    text = (
        "The jury returned on Friday. Asked about the crowds outside the court, Mayor Ida "
        "Brenner said the city had coped well. Told of the verdict, Ms Lane said she was "
        "relieved."
    )
    found = summarise(text, sentences=1).attributions
    assert [(a.actor, a.cue, a.text) for a in found] == [
        ("Ida Brenner", "said", "the city had coped well"),
        ("Lane", "said", "she was relieved"),
    ]


def test_a_participle_and_a_colon_before_a_quote_name_the_sentences_person(model: str) -> None:
    # The parse may read "writing" as a noun ("the incident writing"); the layout still says
    # who wrote the quote.
    text = (
        "The post was shared thousands of times. However, Joan Pike made light of the incident "
        "writing: 'Haha, I would love to have seen the look on his face.' It was deleted later."
    )
    (found,) = by_actor(text, "Joan Pike")
    assert found.quote == "Haha, I would love to have seen the look on his face"
    assert found.cue == "writing"


def test_a_cue_the_parse_cannot_read_is_read_by_the_rules(model: str) -> None:
    # The parse may take "Mr Hale, 61, branded ..." for one long noun phrase.
    text = (
        "Ken Hale stood for the seat in 2010. Mr Hale, 61, branded police involvement as "
        "'absolutely ridiculous', adding that voters were unlikely to change their minds."
    )
    found = [(a.cue, a.text) for a in by_actor(text, "Ken Hale")]
    assert found == [
        ("branded", "branded police involvement as 'absolutely ridiculous'"),
        ("adding", "voters were unlikely to change their minds"),
    ]


def test_an_inverted_cue_reports_the_clause_before_not_the_speakers_role(model: str) -> None:
    text = (
        "The snowpack in the valleys now ranges from 51 to 79 per cent of normal, said Dana "
        "Pruitt, state supervisor of the snow survey."
    )
    (found,) = by_actor(text, "Dana Pruitt")
    assert found.text.startswith("The snowpack in the valleys now ranges from 51 to 79")


def test_according_to_with_quoted_words_is_a_quote(model: str) -> None:
    text = (
        "The council met on Monday to discuss the harbour plan. "
        'According to councillor Mara Quint, the plan smells of "panic and haste."'
    )
    (found,) = by_actor(text, "Mara Quint")
    assert found.quote == "panic and haste"
    assert found.cue == "According to"


def test_according_to_a_quotation_over_sentences_takes_all_of_it(model: str) -> None:
    text = (
        "Councillor Mara Quint voted against the harbour plan. Engineers said it could be "
        'delayed. According to Quint, "Nobody asked the fishermen. Nobody asked the ferry '
        'crews either." The vote is next week.'
    )
    (found,) = by_actor(text, "Mara Quint")
    assert found.quote is not None
    assert found.quote.endswith("Nobody asked the ferry crews either")


def test_an_owned_claim_with_quoted_words_is_a_quote(model: str) -> None:
    text = (
        "Councillor Mara Quint voted against the harbour plan on Monday. Mayor Leon Duarte "
        'rejected Quint\'s claim that the plan was "rushed through in a week."'
    )
    (found,) = [a for a in by_actor(text, "Mara Quint") if a.cue == "claim"]
    assert found.quote == "rushed through in a week"


def test_a_quotation_the_parse_sets_apart_ends_the_clause(model: str) -> None:
    text = (
        "Governor Alma Fisk spoke in Dover on Friday. Fisk said reporters and the unions are "
        'to blame for focusing on "she said this, he posted that."'
    )
    (found,) = by_actor(text, "Alma Fisk")
    assert found.quote == "she said this, he posted that"


def test_a_clause_opening_with_after_is_not_what_was_told(model: str) -> None:
    text = (
        "Governor Alma Fisk questioned the bank's chief, Ivo Dalby, on Friday. "
        '"You should step down today," Fisk told Dalby, after he admitted under her '
        "questioning he had not yet been held accountable for the losses."
    )
    (found,) = [a for a in by_actor(text, "Alma Fisk") if a.cue == "told"]
    assert found.quote == "You should step down today"


def test_a_verb_calling_its_object_something_quoted(parsed: str) -> None:
    text = (
        "Senator Ada Reyes and Governor Ted Romer clashed again this week. "
        'Reyes has been steadily pounding Romer as a "con artist" for weeks.'
    )
    (found,) = by_actor(text, "Ada Reyes")
    assert found.quote == "con artist"
    assert found.cue == "pounding"


def test_describing_as_something_quoted(parsed: str) -> None:
    text = (
        "Senator Ada Reyes and Governor Ted Romer clashed again this week. "
        'Reyes is describing as "unhinged" a Romer message about the port.'
    )
    (found,) = by_actor(text, "Ada Reyes")
    assert found.quote == "unhinged"


def test_such_as_before_a_quoted_name_is_no_stance(parsed: str) -> None:
    text = (
        "Governor Ted Romer opened the market on Monday. "
        'Romer now sells goods such as "Miracle Mix" at his farm.'
    )
    assert all(a.cue != "sells" for a in by_actor(text, "Ted Romer"))


def test_a_caption_leaving_off_the_full_stop_repeats_the_statement(model: str) -> None:
    text = (
        "The farmer Otto Brandl refused to hand his goats to the officers on Monday, calling "
        "them 'his family.' Brandl, 70, was later released.\n\n"
        "The farmer Otto Brandl refused to hand his goats to the officers on Monday, calling "
        "them 'his family'"
    )
    (brandl,) = [a for a in summarise(text, sentences=1).actors if a.name == "Otto Brandl"]
    quoted = [p for p in brandl.positions if p.quote]
    assert len(quoted) == 1


def test_a_participle_cue_right_after_a_name_is_that_persons(parsed: str) -> None:
    text = (
        "A new ad seizes on recent remarks by Senator Helen Carter. "
        "The ad uses footage of Helen Carter asking, \u201cWhy aren\u2019t I fifty points "
        "ahead, you might ask?\u201d"
    )
    (found,) = by_actor(text, "Helen Carter")
    assert found.cue == "asking"
    assert found.quote == "Why aren't I fifty points ahead, you might ask?"


def test_said_a_but_said_b_gives_the_second_cue_the_same_speaker(parsed: str) -> None:
    text = (
        "Mayor Jennifer Roberts spoke on Friday. Roberts said Friday that she thinks the video "
        'should be released but said "the question is the timing."'
    )
    found = by_actor(text, "Jennifer Roberts")
    assert [a.text for a in found] == [
        "she thinks the video should be released",
        "the question is the timing",
    ]
    assert found[1].quote == "the question is the timing"


def test_according_to_before_a_clause_the_parse_reads_as_nouns(parsed: str) -> None:
    text = (
        "The campaign of Nina Dalby has asked the moderator to check the facts during the "
        "debate. According to conservative radio host Ted Romer, the move reeks of "
        "\u201cfear\u201d and desperation."
    )
    (found,) = by_actor(text, "Ted Romer")
    assert found.cue == "According to"
    assert found.quote == "fear"
    assert found.text.startswith("the move reeks of")


def test_those_who_joined_someone_in_criticising_take_the_position_too(parsed: str) -> None:
    text = (
        "Former striker Ray Owensby has criticised the club's owner. Owensby has been joined "
        "by the likes of Pete Nevin and Sportsmail's Jim Carrow in criticising the lack of "
        "ambition at the club."
    )
    for name in ("Pete Nevin", "Jim Carrow"):
        (found,) = by_actor(text, name)
        assert found.cue == "criticising"
        assert "lack of ambition at the club" in found.text


def test_a_participle_after_a_while_clause_is_that_clauses_speakers(model: str) -> None:
    text = (
        "The vote split the council. 'It is a fine plan,' commented Tom Hale while Anna Berg "
        "believes it should be scrapped, saying: 'This is a gift to developers.'"
    )
    (quote,) = [a for a in summarise(text, sentences=1).attributions if a.cue == "saying"]
    assert (quote.actor, quote.quote) == ("Anna Berg", "This is a gift to developers")
    assert [a.quote for a in by_actor(text, "Tom Hale")] == ["It is a fine plan"]


def test_a_stance_ends_where_a_while_clause_begins(model: str) -> None:
    text = (
        "The vote split the council. Councillor Tom Hale backed the plan while councillor "
        "Anna Berg opposed it, saying: 'This is a gift to developers.'"
    )
    assert [a.text for a in by_actor(text, "Tom Hale")] == ["backed the plan"]
    assert [a.quote for a in by_actor(text, "Anna Berg")] == ["This is a gift to developers"]


def test_a_participle_belongs_to_the_main_clause_not_an_opening_one(model: str) -> None:
    text = (
        "The meeting was tense. When councillor Anna Berg rose to speak, Tom Hale left the "
        "room, saying: 'I will not listen to this.'"
    )
    assert [a.quote for a in by_actor(text, "Tom Hale")] == ["I will not listen to this"]
    assert by_actor(text, "Anna Berg") == []


def test_a_nickname_in_quotes_is_part_of_the_name_not_a_statement(model: str) -> None:
    text = (
        'The album sold a million copies. Years later, "Big Tom" Kowalski called it a '
        'major influence on his career. "It changed my life," Kowalski wrote on Twitter.'
    )
    first, second = by_actor(text, "Kowalski")
    assert (first.text, first.quote) == ("called it a major influence on his career", None)
    assert second.quote == "It changed my life"


def test_a_shared_surname_the_parse_did_not_name_means_who_goes_by_it() -> None:
    sentences = ["Jazz legend T.J. Marlowe and his daughter Ruth Marlowe spoke.", "Marlowe said."]
    names = {0: ["T.J. Marlowe", "Marlowe"], 1: ["Ruth Marlowe"]}
    resolver = SpeakerResolver(sentences, [], {}, names=names)
    assert resolver.by_name("Marlowe") == 0
    both = SpeakerResolver(sentences, [], {}, names={0: ["T.J. Marlowe"], 1: ["Ruth Marlowe"]})
    assert both.by_name("Marlowe") is None


def test_a_statement_then_and_added_with_a_quote_are_two_statements(model: str) -> None:
    text = (
        "The hearing went on. Ann Lee said the plan was flawed and added: "
        "'It was never going to work.'"
    )
    found = by_actor(text, "Ann Lee")
    assert [(a.cue, a.text) for a in found] == [
        ("said", "the plan was flawed"),
        ("added", "It was never going to work"),
    ]


def test_a_quoted_word_inside_a_clause_is_not_the_statement_of_a_cue_after_it(
    model: str,
) -> None:
    text = (
        "The hearing went on. Mr Hale said he felt 'terrible' to know he had been marching "
        "with them and said: 'It was brutal, it has nothing to do with faith.'"
    )
    first, second = by_actor(text, "Hale")
    assert first.text == "he felt 'terrible' to know he had been marching with them"
    assert second.quote == "It was brutal, it has nothing to do with faith"


def test_a_quote_inside_the_clause_before_its_cue_is_kept(parsed: str) -> None:
    text = (
        'Last week the bank blamed its cashiers. "The only way the banks will change is if '
        'bosses face jail" for fraud, Senator Ruth Calder said.'
    )
    (found,) = by_actor(text, "Ruth Calder")
    assert found.quote == "The only way the banks will change is if bosses face jail"
    assert found.text.endswith("for fraud")


def test_a_report_that_is_all_another_persons_statement_credits_that_person(
    model: str,
) -> None:
    text = (
        "The court heard the chats. The prosecutor Alan Murphy said Jafar Adeli replied: "
        "'I know, but we can be friends and talk.' Adeli said nothing more."
    )
    found = summarise(text, sentences=1).attributions
    (reply,) = [a for a in found if "friends" in a.text]
    assert (reply.actor, reply.reported_by) == ("Jafar Adeli", "Alan Murphy")


def test_a_woman_named_only_in_a_photo_caption_is_not_she(model: str) -> None:
    text = (
        "Nora Bell, 34, has won her case against the club. "
        "The judge ruled the gagging order should never have been made. "
        "The striker's wife, Lena Ortiz (pictured with him last month) is a model. "
        "'They said I had asked for money, but it was a lie,' she said."
    )
    found = [a for a in summarise(text, sentences=1).attributions if a.cue == "said"]
    assert [a.actor for a in found if a.quote and "lie" in a.quote] == ["Nora Bell"]


def test_an_opening_clause_of_time_is_not_what_the_speaker_said(model: str) -> None:
    text = (
        "The vote split the council. While Anna Berg was away, Tom Hale commented on the "
        "plan, saying: 'It is a disgrace.'"
    )
    assert [(a.cue, a.text) for a in by_actor(text, "Tom Hale")] == [("saying", "It is a disgrace")]


def test_a_second_cue_joined_to_the_reported_clause_is_the_speakers(model: str) -> None:
    text = (
        "The council voted to delay the bypass. Mayor Peter Vance said the vote was a setback "
        "and added: 'We will bring the plan back in the spring.'"
    )
    assert [(a.cue, a.text) for a in by_actor(text, "Peter Vance")] == [
        ("said", "the vote was a setback"),
        ("added", "We will bring the plan back in the spring"),
    ]


def test_he_in_a_quote_after_the_role_it_names_is_not_someone_named_earlier(
    model: str,
) -> None:
    text = (
        "Councillor Tom Hale backed the plan. Ann Cole, who chairs the residents' group, "
        "added: 'How can they say the mayor is neutral when he himself has argued that the "
        "road must be built?'"
    )
    assert all(a.cue != "argued" for a in by_actor(text, "Tom Hale"))
