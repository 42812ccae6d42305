"""Given names that are almost always a woman's or a man's: what "she" or "he" can refer to
when the article has not said so with a title or a pronoun. Names used for both are left out."""

from __future__ import annotations

from summarise.lexicon import words

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
