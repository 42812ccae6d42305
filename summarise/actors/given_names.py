"""Common given names across languages: a first word from this list makes a name a person's;
the names almost always a woman's or a man's tell what "she" or "he" can refer to."""

from __future__ import annotations

from summarise.actors.lexicon import words

GIVEN_NAMES = words(
    """
 aaron abdul abdullah abel abraham adam adel adil adolfo adrian adriana agnes ahmad ahmed
 aisha alain alan alastair albert alberto alejandro aleksandr aleksandra alessandro alex
 alexander alexandra alexandre alexei alexis alfonso alfred alfredo ali alice alicia alison
 allan allen amanda amber amelia amir amit amy ana anatoly anders andre andrea andreas
 andrei andrej andres andrew andrey andy angel angela angelo angus anita ann anna anne
 annette anthony anton antoine antonio anwar arjun arnaud arnold arthur arturo ashley
 audrey barbara barry bart basil beatrice ben benjamin bernard bernd bernhard bert beth
 betty bill billy bjorn bob bobby bogdan boris brad bradley brandon brenda brendan brian
 bruce bruno bryan carl carla carlo carlos carmen carol caroline catherine cecilia cesar
 chad charles charlie charlotte chen chris christian christina christine christopher
 christophe claire clara claude claudia claudio clint clive colin connor conrad cornelius
 craig cristian cristina curtis cynthia dale dan daniel daniela daniele danny dario dave
 david dean deborah denis dennis derek diana diane diego dieter dimitri dimitris dmitry
 dominic dominique don donald donna doris dorothy doug douglas duncan dusan dylan ed eddie
 edgar edith edmund eduardo edward edwin elena eli elias elizabeth ellen emil emilio emily
 emma emmanuel enrico enrique eric erik erika ernest ernesto ernst esther ethan eugene
 eva evan evelyn fabio fabrizio faisal farid fatima federico felipe felix fernando filip
 filippo florian francesca francesco francis francisco franco frank frans franz fred
 frederick frederic friedrich fritz gabriel gabriele gabriela gareth gary gavin gene
 geoff geoffrey georg george georges gerald gerard gerhard gianluca gianni gilbert gino
 giorgio giovanni giuseppe glen glenn gloria gordon grace graham grant greg gregory
 guido guillaume gunter gustavo guy hamid hana hannah hans harold harry hasan hassan
 heather hector heinz helen helena helmut henri henrik henry herbert herman hilary
 hiroshi holly howard hugh hugo hussein ian ibrahim igor ilya imran ingrid irene iris
 isaac isabel isabella ivan ivana jack jackie jacob jacques jaime jake james jamie jan
 jana jane janet janice jason javier jay jean jeff jeffrey jennifer jens jeremy jerome
 jerry jessica jill jim jimmy joan joao joaquin joe joel johan johann johannes john
 johnny jon jonas jonathan jordi jorge jose josef joseph josh joshua juan judith judy
 julia julian julie julien julio justin kai kamal karen karim karin karl kate katherine
 kathleen kathy katie keith ken kenneth kenji kevin khalid kim kirk klaus kofi konstantin
 kurt kyle lars laura lauren laurent lawrence lee leo leon leonard leonardo leslie lewis
 liam linda lisa liz lorenzo louis louise luc luca lucas lucia luis luigi luis lukas
 luke lynn magnus mahmoud malcolm manfred manuel marc marcel marcello marco marcus
 margaret maria marian marie mario marion mark marko martin martina mary mason massimo
 mathieu matt matteo matthew matthias maurice max maxim maximilian megan mehmet melissa
 michael michel michele michelle miguel mikael mike mikhail milan miles mohamed mohammad
 mohammed monica morgan muhammad mustafa nadia nancy naomi natalia natalie nathan neil
 nelson nicholas nick nicola nicolas nigel nikita nikola nikolai nina noah norman olaf
 oleg olga oliver olivia omar oscar otto owen pablo paolo pascal pat patricia patrick
 paul paula paulo pavel pedro penny per peter petra phil philip philippe pierre pietro
 piotr rachel rafael rahul rainer ralph ramon randy raul ray raymond rebecca reza ricardo
 richard rick ricky rita rob robert roberto robin rodney rodrigo roger roland rolf roman
 ron ronald rosa ross roy ruben rudolf rui russell ruth ryan sally salvatore
 sam samantha samir samuel sandra sanjay sara sarah scott sean sebastian serge sergei
 sergey sergio shane sharon shaun sheila simon simone sofia sonia sophie stanley stefan
 stefano stephane stephanie stephen steve steven stuart susan suzanne sven tamara tanya
 ted teresa terry theo theodore thierry thomas tim timothy tina todd tom tomas tommy
 tony tracy trevor troy valentin valentina valerie vanessa vasily victor victoria
 vincent vincenzo viktor vincent vladimir walter warren wayne wendy werner wilhelm will
 william willy wim wolfgang xavier yasser yuri yusuf yves zoltan
 """
)

# Given names that are almost always a woman's or a man's: what "she" or "he" can refer to
# when the article has not said so with a title or a pronoun. Names used for both are left out.
FEMALE = words(
    """
 abigail ada adriana agnes aisha alexandra alice alicia alison amanda amber amelia amy ana
 anastasia andrea angela angelina anita ann anna anne annette antonia audrey barbara beatrice
 beth betty beverly brenda bridget brittany camilla carla carmen carol caroline catherine
 cecilia celine charlotte chelsea cheryl christina christine claire clara claudette claudia
 colleen cynthia daisy daniela deborah debbie denise diana diane donna doris dorothy edith
 eleanor elena elisabeth eliza elizabeth ella ellen eloise emily emma erica erika esther eva
 evelyn fatima fiona florence frances francesca gabriela gabrielle gemma georgia gillian gina
 giorgia gloria grace hannah harriet hayley heather heidi helen helena hilary hillary holly
 ingrid irene iris isabel isabella isabelle ivana jacqueline jane janet janice janine jasmine
 jean jennifer jenny jessica jill joan joanna joanne jocelyn josephine joy judith judy julia
 julie juliet karen karin karoline katarina kate katherine kathleen kathryn kathy katie
 kayla kelly kimberly kirsten kristen kristina laura lauren leah lena leslie lily linda lisa
 lorraine louisa louise lucia lucy lydia lynn madeleine madison margaret margarita maria
 mariana marianne marie marilyn marina marion martha martina mary maureen megan melanie
 melania melissa meryl michelle mildred miranda molly monica nadia nancy naomi natalia
 natalie natasha nicole nina nora olga olivia pamela patricia paula pauline penelope penny
 petra philippa phyllis priscilla rachel rebecca regina rita roberta rosa rosalind rose
 rosemary ruth sabrina sally samantha sandra sara sarah serena sharon sheila shirley simone
 sofia sonia sophia sophie stella stephanie susan susanne suzanne suzi svetlana sylvia
 tamara tanya teresa theresa tiffany tina tracy ursula valentina valerie vanessa vera
 veronica victoria violet virginia vivian wendy yolanda yvonne zoe
 """
)

MALE = words(
    """
 aaron abdul abraham adam adrian ahmed alan albert alberto alejandro alex alexander alexei
 alfred ali alistair allan allen andre andreas andrei andrew andy angelo anthony antonio
 arnold arthur barack barry ben benjamin bernard bill billy bob boris brad bradley brandon
 brendan brian bruce bruno bryan carl carlo carlos charles charlie chris christian
 christopher clint colin craig dale dan daniel danny darren dave david dean dennis derek
 dick diego dmitry don donald doug douglas duncan dylan ed eddie edgar edward edwin emmanuel
 enrique eric erik ernest eugene evan felix fernando francesco francisco frank franz fred
 frederick friedrich gabriel gareth gary gavin geoffrey george georges gerald gerard gerhard
 gordon graham grant greg gregory guy hans harold harry hector helmut henry herbert howard
 hugh hugo ian igor isaac ivan jack jacob jacques jake james jason javier jeff jeffrey
 jeremy jerome jerry jim jimmy joe joel johan john johnny jon jonathan jorge jose josef
 joseph josh joshua juan julian justin karl keir keith ken kenneth kevin kurt kyle larry lars
 lee leo leon leonard lewis liam lionel louis luca lucas luis luke malcolm manuel marc marco
 marcos marcus mario mark martin marvin mason matt matthew maurice max michael miguel mike
 mikhail mitch mohamed mohammed muhammad nathan neil nelson nicholas nick nicolas nigel noah
 norman oliver omar oscar owen pablo patrick paul pedro peter phil philip pierre piotr rafael
 ralph ramon randy raul ray raymond reza ricardo richard rick robert roberto robin rodney
 roger roland ron ronald ross roy rudolf russell ryan sam samuel scott sean sebastian sergei
 sergey simon stan stanley stefan stephen steve steven stuart ted terry theo thierry thomas
 tim timothy todd tom tomas tommy tony travis trevor troy tyler victor vincent vladimir
 volodymyr walter warren wayne werner william willie wolfgang xavier yuri zachary
 """
)
