"""Countries, regions and cities (lower-case): a name that is one of these is never a person."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(w.replace("_", " ") for w in text.split())


# Countries, regions, capitals and large cities: never people.
PLACES = _words(
    """
 afghanistan albania algeria andorra angola argentina armenia australia austria
 azerbaijan bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan
 bolivia bosnia botswana brazil brunei bulgaria burkina burundi cambodia cameroon
 canada chad chile china colombia comoros congo croatia cuba cyprus czech_republic
 czechia denmark djibouti dominica ecuador egypt el_salvador eritrea estonia eswatini
 ethiopia fiji finland france gabon gambia georgia germany ghana greece grenada
 guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq
 ireland israel italy jamaica japan jordan kazakhstan kenya kiribati korea kosovo
 kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania
 luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius mexico
 micronesia moldova monaco mongolia montenegro morocco mozambique myanmar burma namibia
 nauru nepal netherlands holland new_zealand nicaragua niger nigeria macedonia norway
 oman pakistan palau palestine panama paraguay peru philippines poland portugal qatar
 romania russia rwanda samoa san_marino saudi_arabia senegal serbia seychelles
 sierra_leone singapore slovakia slovenia somalia south_africa spain sri_lanka sudan
 suriname sweden switzerland syria taiwan tajikistan tanzania thailand togo tonga
 trinidad tunisia turkey turkmenistan tuvalu uganda ukraine uae britain great_britain
 united_kingdom uk u.k. united_states us u.s. usa u.s.a. america uruguay uzbekistan
 vanuatu vatican venezuela vietnam yemen zambia zimbabwe zaire yugoslavia england
 scotland wales ulster europe asia africa antarctica oceania americas arctic
 caribbean balkans scandinavia middle_east gulf crimea donbas donetsk luhansk kyiv
 kiev moscow washington london paris berlin rome madrid lisbon dublin brussels
 amsterdam vienna prague warsaw budapest bucharest sofia athens ankara istanbul
 beijing shanghai tokyo seoul delhi new_delhi mumbai bombay karachi lahore islamabad
 kabul tehran baghdad damascus beirut jerusalem tel_aviv gaza cairo riyadh dubai
 abu_dhabi doha nairobi lagos johannesburg pretoria cape_town harare sydney melbourne
 ottawa toronto montreal vancouver havana bogota lima caracas santiago brasilia
 buenos_aires mexico_city new_york los_angeles chicago boston houston miami
 san_francisco seattle atlanta dallas detroit philadelphia alaska hawaii california
 texas florida ohio virginia georgia carolina michigan pennsylvania arizona nevada
 oregon colorado kansas missouri kentucky tennessee alabama louisiana iowa indiana
 illinois wisconsin minnesota montana wyoming utah idaho maine vermont massachusetts
 connecticut maryland delaware oklahoma arkansas mississippi nebraska dakota
 hong_kong macau tibet xinjiang kashmir punjab bengal siberia chechnya taipei manila
 jakarta bangkok hanoi singapore kuala_lumpur geneva zurich frankfurt munich hamburg
 milan naples barcelona seville marseille lyon manchester liverpool birmingham
 edinburgh glasgow belfast cardiff stockholm oslo copenhagen helsinki tallinn riga
 vilnius minsk belgrade zagreb sarajevo ljubljana bratislava tirana skopje
 """
)

# More large cities and regions, so teams named after them and datelines are not people.
_MORE = _words(
    """
 aberdeen adelaide ahmedabad alexandria algiers almaty amman anchorage antwerp asuncion
 auckland baku baltimore bangalore barcelona basel bath belo_horizonte bergen bern
 bilbao birmingham bologna bonn bordeaux boston bradford bremen brisbane bristol
 bucharest budapest busan cairns calcutta calgary cambridge canberra cancun
 casablanca catania charlotte chennai chittagong cincinnati cleveland cologne
 colombo columbus cork coventry curitiba dakar dallas damascus dar_es_salaam denver derby
 dhaka dortmund dresden duisburg dundee dunedin durban dusseldorf eindhoven essen exeter
 faisalabad florence fortaleza freetown fukuoka gdansk genoa ghent giza gothenburg
 granada graz guadalajara guangzhou guayaquil halifax hamilton hanover havana hobart
 houston hull hyderabad ibadan incheon indianapolis innsbruck ipswich isfahan izmir
 jacksonville jaipur jeddah kampala kano kansas_city karlsruhe kathmandu kaunas kazan
 khartoum kharkiv kigali kingston kinshasa kobe krakow kuwait_city kwazulu-natal kyoto
 lagos la_paz las_vegas lausanne leeds leicester leipzig lille limassol
 linz lodz louisville luanda lubumbashi lusaka luxembourg lviv lyon maastricht
 malaga managua manaus mandalay mannheim maputo marrakesh mecca medan medellin medina
 memphis mendoza milwaukee minneapolis minsk mogadishu mombasa monrovia monterrey
 montevideo montpellier mumbai munich murcia muscat nagoya nairobi nancy nanjing nantes
 naples nashville newcastle nice nicosia nottingham novosibirsk odessa odesa oklahoma_city
 omaha orlando osaka oslo ottawa oxford palermo palma pamplona panama_city perth
 peshawar phnom_penh phoenix pittsburgh plymouth porto port-au-prince portland porto_alegre
 portsmouth poznan pyongyang quebec quito rabat rawalpindi recife reims rennes reykjavik
 rio rio_de_janeiro rosario rotterdam sacramento saint_petersburg st_petersburg
 salvador salzburg samara san_antonio san_diego san_jose san_juan santa_fe
 santo_domingo sao_paulo sapporo sarajevo saragossa zaragoza seville shenzhen sheffield
 skopje southampton stuttgart strasbourg sunderland surabaya suva swansea
 tallinn tampa tangier tashkent tbilisi tegucigalpa tel_aviv thessaloniki tianjin tijuana
 tirana toulouse tripoli trondheim tucson tunis turin ulan_bator utrecht
 valencia valladolid valletta valparaiso venice verona vienna vigo vilnius
 volgograd warsaw wellington wembley winnipeg wolverhampton wroclaw wuhan xian yangon
 yekaterinburg yerevan yokohama yorkshire lancashire kent essex surrey sussex cornwall
 devon cumbria merseyside tyneside midlands bavaria saxony catalonia andalusia galicia
 lombardy tuscany sicily sardinia corsica brittany normandy provence flanders wallonia
 ontario quebec alberta manitoba saskatchewan queensland tasmania victoria_state
 transvaal natal gauteng punjab sindh kerala gujarat bengal bihar assam sumatra java
 borneo bali mindanao luzon hokkaido kyushu okinawa siberia ural caucasus chechnya
 dagestan kurdistan darfur sahara sahel patagonia amazonia yucatan
 """
)
PLACES = PLACES | _MORE
