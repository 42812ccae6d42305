"""Word lists of the languages other than English that actors are read in (lower-case).

Per ISO 639-1 code: the closed-class words that open sentences and noun phrases, titles and
role words that stand before a name, the lower-case particles inside names, common given names,
and the verbs and phrases that report what someone said. English keeps its own lists
(summarise.actors.lexicon, summarise.positions.cues).
"""

from __future__ import annotations

from summarise.actors.lexicon import words

# Articles, determiners, pronouns, prepositions and conjunctions: a capitalised one opens a
# sentence, a lower-case article before a capitalised word makes that word a noun.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "de": words(
        """der die das den dem des ein eine einer eines einem einen kein keine keiner keinen
        dieser diese dieses diesem diesen jener jene jeder jede jedes jedem jeden sein seine
        seiner seinem seinen ihr ihre ihrer ihrem ihren unser unsere euer eure mein meine
        alle allen aller viele vielen einige einigen beide beiden zwei drei vier fünf
        und oder aber doch denn sondern als wie wenn ob weil dass daß damit während nachdem
        bevor seit bis um in im an am auf aus bei beim mit nach von vom zu zum zur für über
        unter vor hinter neben zwischen gegen ohne durch wegen trotz laut auch noch schon
        nur nicht so da dort hier dann nun jetzt heute gestern morgen er sie es wir ihr man
        ich du wer was wo wann warum welche welcher welches auch zudem außerdem deshalb
        daher dabei darauf danach dazu trotzdem jedoch allerdings immerhin bereits ins ans
        aufs übers fürs"""
    ),
    "es": words(
        """el la los las lo un una unos unas al del de en y e o u ni que con por para sin
        sobre entre desde hasta hacia según ante bajo tras durante mediante este esta estos
        estas ese esa esos esas aquel aquella su sus mi mis nuestro nuestra tu tus otro otra
        otros otras todo toda todos todas cada varios varias muchos muchas dos tres cuatro
        pero aunque como cuando donde si porque pues ya también además sin_embargo así hoy
        ayer mañana él ella ellos ellas nosotros yo usted se le les me nos qué quién cuál"""
    ),
    "nl": words(
        """de het een den der des dit dat deze die zijn haar hun ons onze mijn uw elk elke
        alle veel enkele sommige twee drie vier en of maar want dus als toen terwijl omdat
        nadat voordat sinds tot in op aan bij met naar van voor uit over onder tussen tegen
        zonder door volgens na om ook nog al niet wel zo daar hier dan nu vandaag gisteren
        morgen hij zij ze het wij we jij je ik men wie wat waar wanneer waarom welke toch
        bovendien daarom echter inmiddels intussen"""
    ),
    "fr": words(
        """le la les l' un une des du de d' au aux ce cet cette ces son sa ses leur leurs mon
        ma mes notre nos votre vos chaque tous tout toute toutes plusieurs deux trois quatre
        et ou mais donc or ni car que qui quand comme si lorsque puisque dans en sur sous
        avec pour par sans chez entre vers depuis pendant selon contre avant après il elle
        ils elles on nous vous je tu aussi encore déjà ne pas plus très ici là aujourd'hui
        hier demain cependant toutefois ainsi alors"""
    ),
}

# Articles whose next capitalised word is a noun or a name of a thing, never a person's name.
ARTICLES: dict[str, frozenset[str]] = {
    "de": words(
        """der die das den dem des ein eine einer eines einem einen kein keine keiner keinen
        dieser diese dieses diesem diesen jeder jede jedes jedem jeden seine seiner seinem
        seinen ihre ihrer ihrem ihren unsere beim im am vom zum zur ins"""
    ),
    "es": words("el la los las un una unos unas al del este esta estos estas"),
    "nl": words("het een deze dit"),
    "fr": words("le la les un une des du au aux ce cet cette ces"),
}

# Lower-case words inside a name ("Agustín Díaz de Mera", "Ursula von der Leyen").
# Names from elsewhere keep their own particles ("Elio Di Rupo", "Louis van Gaal").
_FOREIGN_PARTICLES = words("van von de der den di da del della dos du le")
PARTICLES: dict[str, frozenset[str]] = {
    "de": words("von van der den de zu vom") | _FOREIGN_PARTICLES,
    "es": words("de del la los las") | _FOREIGN_PARTICLES,
    "nl": words("van de der den ter ten 't") | _FOREIGN_PARTICLES,
    "fr": words("de du des d' le la") | _FOREIGN_PARTICLES,
}

# Titles, offices and role words that stand before a name.
TITLES: dict[str, frozenset[str]] = {
    "de": words(
        """herr frau dr. dr prof. prof professor professorin bundeskanzler bundeskanzlerin
        kanzler kanzlerin präsident präsidentin bundespräsident ministerpräsident
        ministerpräsidentin minister ministerin bundesminister staatssekretär
        staatssekretärin bürgermeister bürgermeisterin oberbürgermeister landrat landrätin
        stadtrat stadträtin vorsitzende vorsitzender vorsitzenden chef chefin sprecher
        sprecherin trainer trainerin kapitän torwart stürmer spieler direktor direktorin
        leiter leiterin geschäftsführer intendant regisseur regisseurin autor autorin
        sänger sängerin schauspieler schauspielerin papst kardinal bischof pfarrer general
        oberst kommissar anwalt anwältin rechtsanwalt staatsanwalt abgeordnete abgeordneter
        stadtverordnete stadtverordneter dezernent dezernentin senator senatorin könig
        königin prinz prinzessin diktator premier premierminister außenminister
        innenminister finanzminister verteidigungsminister parteichef vorstandschef
        kollege kollegin christdemokrat christdemokratin sozialdemokrat sozialdemokratin
        bruder schwester sohn tochter vater mutter freund freundin ehemann ehefrau gattin
        witwe onkel tante neffe nichte enkel enkelin"""
    ),
    "es": words(
        """presidente presidenta vicepresidente vicepresidenta ministro ministra secretario
        secretaria consejero consejera alcalde alcaldesa portavoz director directora
        delegado delegada diputado diputada senador senadora gobernador gobernadora rey
        reina príncipe princesa papa cardenal obispo juez jueza fiscal general coronel
        capitán entrenador técnico jugador delantero portero defensa don doña señor señora
        sr. sra. dr. doctor doctora profesor profesora líder jefe jefa concejal concejala
        comisario comisaria embajador embajadora canciller primer lehendakari abogado
        abogada dirigente responsable candidato candidata economista escritor escritora
        cantante actor actriz centrocampista atacante ciclista tenista piloto guardameta
        lateral extremo capitán"""
    ),
    "nl": words(
        """minister premier eerste burgemeester voorzitter voorzitster woordvoerder
        woordvoerster schepen gouverneur koning koningin prins prinses paus kardinaal
        bisschop generaal kolonel kapitein trainer coach doelman spits aanvoerder
        directeur directrice staatssecretaris kamerlid senator volksvertegenwoordiger
        advocaat rechter procureur professor prof. dr. dokter meneer mevrouw heer topman
        baas bestuurder ondervoorzitter ploegleider renner wielrenner zanger zangeres
        acteur actrice regisseur schrijver schrijfster auteur ministerpresident"""
    ),
    "fr": words(
        """président présidente ministre premier secrétaire porte-parole maire député
        députée sénateur sénatrice gouverneur roi reine prince princesse pape cardinal
        évêque général colonel capitaine entraîneur sélectionneur joueur attaquant gardien
        directeur directrice patron patronne chef m. mme mlle monsieur madame docteur
        professeur juge procureur avocat avocate commissaire ambassadeur chancelier
        dirigeant leader candidat candidate écrivain chanteur chanteuse acteur actrice"""
    ),
}

# Endings that make a compound a title ("Innenminister", "CDU-Fraktionschef",
# "onderwijsminister", "woordvoerder").
TITLE_ENDINGS: dict[str, tuple[str, ...]] = {
    "de": tuple(
        sorted(
            words(
                """minister ministerin kanzler kanzlerin präsident präsidentin chef chefin
                sprecher sprecherin vorsitzende vorsitzender meister meisterin trainer direktor
                direktorin leiter leiterin führer führerin vormann rat rätin politiker
                politikerin abgeordnete abgeordneter dezernent dezernentin kommissar spieler
                spielerin torhüter stürmer verteidiger kapitän keeper neuzugang sieger
                siegerin läufer läuferin werfer schütze akteur akteurin kollege kollegin
                manager"""
            )
        )
    ),
    "es": (),
    "nl": tuple(
        sorted(
            words(
                """minister voorzitter voorzitster woordvoerder woordvoerster topman kamerlid
                burgemeester schepen directeur trainer coach leider speler speelster renner
                middenvelder verdediger aanvaller doelman spits ploegmaat"""
            )
        )
    ),
    "fr": (),
}

# Given names common in each language's news, beyond the shared list in given_names.py
# (every list counts in every language), and names common in news from elsewhere.
GIVEN: dict[str, frozenset[str]] = {
    "de": words(
        """andrea angelika anja annette antje astrid barbara bettina britta carmen carola
        claudia dagmar daniela doris edith elisabeth elke eva franziska frauke gabi gisela
        hanna hannah heike helene ilona imke inge ingrid irene iris jana jutta karin
        katharina kathrin kerstin kirsten klara lena lisa magdalena maren martina meike
        melanie monika nadine nicole nina petra regina renate rosemarie sabine sandra silvia
        simone sonja stefanie susanne sylvia tanja ulrike ursula vera verena yvonne
        alexander andreas armin arnold benedikt bernd björn christoph clemens daniel dennis
        dominik egon elmar emil erwin eugen fabian felix ferdinand florian frank friedrich
        georg gerd gregor günter hagen harald heiko heinrich helmut hermann hubertus ingo
        jakob jan jens joachim johannes jonas josef julius kai karl klaus konstantin lars
        leon lorenz lukas malte marcel mario marius martin matthias max michael moritz
        niklas nils olaf oliver oskar otto pascal patrick paul peter philipp rainer ralf
        reiner rené richard robert roland rolf rudolf sebastian siegmund simon stefan
        stephan sven thomas tilman tim timo tobias torsten ulf ulrich uwe valentin viktor
        vincent walter werner wilhelm wolfgang joschka
        achim alois anke annegret annelie arne axel bärbel bernd berthold birgit bodo
        brigitte burkhard christa christel christiane clemens cornelia detlef detlev dieter
        dietmar dirk doris eberhard edmund egon elke elfriede erhard erich erna erwin ewald
        friedhelm friedel frieda gabriele gerd gerda gerlinde gernot gisela gottfried gudrun
        günter günther guido gunnar hannelore hanns hans-dieter hans-jürgen hans-joachim
        hans-peter hansjörg hartmut hasso heidemarie heide heiko heinrich heinz-jürgen helga
        helmuth hennig henning herta hildegard holger horst hubert ilse ingeborg inge irmgard
        jochen joachim jörg jürgen karl-heinz karsten katrin klaus-dieter konrad kurt
        lothar ludwig lutz manfred margot marianne markus mathias meinhard norbert ortwin
        ottmar otmar reinhard reinhold renate rita roland rüdiger rudi siegfried sigrid
        sigmar silke steffen susanne thorsten torsten udo uli ulla ulli ulrich ulrike ursel
        ute uwe volker waltraud wendelin wilfried willi winfried wolf wolfram"""
    ),
    "es": words(
        """abel abelardo aitor alba alicia amalia ana anabel andrea ángela aránzazu
        arturo asunción beatriz borja bruno camilo candela carlota carolina catalina
        cayetana cecilia clara claudio cristina dámaso daniel dario david diana
        elena eloy emilia encarnación enrique ernesto estela eulogio eva fátima fernando
        francisca gabriel gema gloria gonzalo graciela héctor hugo inés irene isabel
        ismael jacobo jorge josefina juan juanjo julia laura leire leonor lola lorena
        lourdes luis manuel manuela marcial maría mariano marina mario marisa martín miguel
        milagros miriam mónica nerea noelia norberto nuria olga pablo paloma patricia pau
        paula pedro pere pilar quim raquel rebeca roberto rodrigo rosa roser rubén samuel
        sara sergio silvia sonia susana teresa tomás valentín verónica víctor virginia
        yolanda
        adolfo agustín alfonso álvaro amparo andrés ángel ángeles antonia aurelio begoña
        benito blanca carmelo casimiro celia césar concepción consuelo cristóbal dolores
        domingo eduardo elías emilio esperanza esteban eugenio fabián faustino federico
        félix fermín fidel florentino gaspar gerardo gonzalo gregorio guillermo gustavo
        héctor hernán ignacio inmaculada iñaki iñigo isidro jacinto jaime javier jesús
        joaquín josé josefa josep jordi juana julián leopoldo lorenzo lucía luisa macarena
        marcelino marcos margarita mariano mariví marta matías mercedes montserrat nicolás
        nieves óscar pascual paz pilar pío rafael ramiro raúl remedios ricardo rocío rodolfo
        rosario salvador santiago sebastián soledad teodoro tomás vicente xabier xavier"""
    ),
    "nl": words(
        """anja ann anne annelies annemarie astrid bea carine caroline chris christine
        dirk-jan els ellen elke emma eva evelien femke fien freya gerda greet griet hanne
        hilde inge isabelle jan-peter jeanine joke jolien josée karin katrien katrijn
        kristien leen lien liesbeth linda lotte lut marijke marina marleen martine mia
        mieke mireille nathalie nele petra rita riet sabine sarah sofie sonja stien tine
        tinne veerle vera wendy yvonne
        alain alex arnout arne benny bert bob bruno christophe daan danny dany didier
        dimitri eddy edwin eric erwin fabian felix filip francis frank freek gert gilbert
        glenn gustaaf hans henk hendrik herman hugo jaak jacob jasper jef jeroen jonas joris
        jos jozef karel kevin kristof kurt lars leo lieven lode louis luc lucas ludo luk
        maarten marc marcel mark martijn mathias michel michiel niels nico pascal patrick
        peter philippe piet raf ronny rudi sam sander sebastiaan seppe sigurd stefaan
        stef steven stijn thomas tom toon valentijn vincent wannes ward werner willy wim
        wout xavier yannick yves
        aad adriaan annemie anneke arie arjen bart bas ben bert bram carla cees corneel
        dirk dries els erik eddy filip freddy frans frank geert gerard gerrit gert guy
        guido harm hendrik henk herman hugo ingrid ivo jaak jacques jan jean-luc jean-marie
        jeroen jo johan joost jos josse jozef karel kees koen kris leen leo lieve lode luc
        maarten marc marcel marleen mieke nico noël patrick paul piet pieter pim rik rob
        roel rudi rudy ruud sander siegfried sven tine toon walter wilfried willem wim
        wouter yves"""
    ),
    "fr": words(
        """alain albert amélie anne-marie antoine arnaud aurélie bernadette bertrand
        brigitte benoît christophe claude dominique édouard élisabeth emmanuel étienne
        fabien françois françoise frédéric gérard gilles guillaume hélène hervé jacqueline
        jean-claude jean-louis jean-marc jean-pierre jean-paul jérôme laurent lionel
        marcel marine martine nathalie nicolas olivier pascal philippe pierre rémi renaud
        ségolène sylvie thierry valéry véronique xavier yves"""
    ),
    "world": words(
        """abdel abdelaziz abu ahmet akbar ali anwar ariel ashraf ayman benjamin bashar
        boutros ehud farouk fidel gamal hafez hamad hosni hussein ismail jalal jassim kemal
        mahmud mehmet moammar muammar nabil nasser nawaz osama rafik recep saddam salah
        shimon suleiman tariq walid yasser yitzhak zayed
        aleksander andrzej bogdan bohdan dariusz goran grzegorz ivica jaroslav jerzy
        jovan krzysztof ljubomir lech mieczyslaw miroslav mirko nenad pavel predrag radovan
        ratko slobodan stanislaw tadeusz tomasz vaclav vojislav wojciech zbigniew zdenek
        zoran zeljko
        akira hideki ichiro junichiro kazuo kofi koichi li liu mao nelson oleksandr
        ryutaro shinzo taro thabo wen xi yoshiro zhu jiang kim"""
    ),
}

# Verbs and phrases that report speech or a stance, by the English cue lemma each is read as.
SPEECH: dict[str, dict[str, str]] = {
    "de": {
        **dict.fromkeys(["sagte", "sagt", "sagten", "sagen", "gesagt"], "say"),
        **dict.fromkeys(["erklärte", "erklärt", "erklärten"], "explain"),
        **dict.fromkeys(["betonte", "betont", "betonten"], "stress"),
        **dict.fromkeys(["meinte", "meint"], "say"),
        **dict.fromkeys(["warnte", "warnt"], "warn"),
        **dict.fromkeys(["forderte", "fordert", "forderten"], "demand"),
        **dict.fromkeys(["kritisierte", "kritisiert"], "criticise"),
        **dict.fromkeys(["versicherte", "versichert"], "assure"),
        **dict.fromkeys(["bestätigte", "bestätigt"], "confirm"),
        **dict.fromkeys(["berichtete", "berichtet"], "report"),
        **dict.fromkeys(["kündigte"], "announce"),
        **dict.fromkeys(["unterstrich"], "stress"),
        **dict.fromkeys(["laut", "zufolge"], "according"),
    },
    "es": {
        **dict.fromkeys(["dijo", "dice", "dijeron", "decía"], "say"),
        **dict.fromkeys(["afirmó", "afirma", "afirmaron"], "state"),
        **dict.fromkeys(["aseguró", "asegura", "aseguraron"], "assure"),
        **dict.fromkeys(["declaró", "declara"], "declare"),
        **dict.fromkeys(["explicó", "explica"], "explain"),
        **dict.fromkeys(["señaló", "señala", "indicó", "indica"], "note"),
        **dict.fromkeys(["añadió", "agregó"], "add"),
        **dict.fromkeys(["subrayó", "destacó"], "stress"),
        **dict.fromkeys(["advirtió", "advierte"], "warn"),
        **dict.fromkeys(["reconoció"], "admit"),
        **dict.fromkeys(["manifestó", "comentó"], "comment"),
        **dict.fromkeys(["anunció"], "announce"),
        **dict.fromkeys(["pidió", "exigió"], "demand"),
        "según": "according",
    },
    "nl": {
        **dict.fromkeys(["zei", "zegt", "zeggen", "zeiden"], "say"),
        **dict.fromkeys(["verklaarde", "verklaart"], "declare"),
        **dict.fromkeys(["benadrukte", "benadrukt"], "stress"),
        **dict.fromkeys(["stelde"], "state"),
        **dict.fromkeys(["waarschuwde", "waarschuwt"], "warn"),
        **dict.fromkeys(["antwoordde"], "answer"),
        **dict.fromkeys(["bevestigde"], "confirm"),
        **dict.fromkeys(["vindt", "vond"], "believe"),
        **dict.fromkeys(["eiste", "eist"], "demand"),
        "volgens": "according",
    },
    "fr": {
        **dict.fromkeys(["a déclaré", "déclare", "a dit", "dit"], "say"),
        **dict.fromkeys(["a affirmé", "affirme"], "state"),
        **dict.fromkeys(["a expliqué", "explique"], "explain"),
        **dict.fromkeys(["a souligné", "souligne"], "stress"),
        **dict.fromkeys(["a ajouté", "ajoute"], "add"),
        **dict.fromkeys(["a assuré", "assure"], "assure"),
        **dict.fromkeys(["a estimé", "estime"], "believe"),
        **dict.fromkeys(["a averti", "avertit"], "warn"),
        "selon": "according",
    },
}
# The cues above whose source comes after them ("laut X") and those after it ("X zufolge").
SOURCE_AFTER = frozenset({"laut", "según", "volgens", "selon"})
SOURCE_BEFORE = frozenset({"zufolge"})

# Third-person pronouns that can stand for a speaker, with the gender they say.
PRONOUNS: dict[str, dict[str, str]] = {
    "de": {"er": "he", "sie": "she"},
    "es": {"él": "he", "ella": "she"},
    "nl": {"hij": "he", "zij": "she", "ze": "she"},
    "fr": {"il": "he", "elle": "she"},
}
