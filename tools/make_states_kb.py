"""Generate ``ontology/kb/states.yaml`` from pycountry plus a curated table (dev-time only).

pycountry supplies ISO 3166 codes and official names in English and Indonesian; the table
below supplies what it lacks: the short name news uses ("Russia", not "Russian Federation"),
the preferred Indonesian name ("Tiongkok", "Prancis"), demonym adjectives, capitals with their
Indonesian spellings, and common short forms ("AS", "RRT", "Korsel").

Run from the repository root::

    .venv/bin/python tools/make_states_kb.py            # writes ontology/kb/states.yaml
    .venv/bin/python tools/make_states_kb.py --check    # exits 1 when the file is stale

Columns of the table (``|``-separated, lists ``;``-separated, empty cell = nothing):
ISO3 | English name | Indonesian label | capitals (en) | extra capital spellings (id) |
adjectives (en) | extra aliases (en) | extra aliases (id)
"""

from __future__ import annotations

import gettext
import re
import sys
import unicodedata
from pathlib import Path

import pycountry
import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "ontology" / "kb" / "states.yaml"

# The 193 UN member states, the two observer states (VAT, PSE), and states with partial
# recognition or free association that diplomatic news treats as actors (TWN, XKX, COK, NIU).
TABLE = """
AFG|Afghanistan|Afghanistan|Kabul||Afghan||Afganistan
ALB|Albania|Albania|Tirana||Albanian||
DZA|Algeria|Aljazair|Algiers|Aljir|Algerian||Algeria
AND|Andorra|Andorra|Andorra la Vella||Andorran||
AGO|Angola|Angola|Luanda||Angolan||
ATG|Antigua and Barbuda|Antigua dan Barbuda|St. John's;Saint John's||Antiguan||
ARG|Argentina|Argentina|Buenos Aires||Argentine;Argentinian||
ARM|Armenia|Armenia|Yerevan|Erevan|Armenian||
AUS|Australia|Australia|Canberra||Australian|Commonwealth of Australia|Persemakmuran Australia
AUT|Austria|Austria|Vienna|Wina|Austrian||
AZE|Azerbaijan|Azerbaijan|Baku||Azerbaijani;Azeri||Azerbaijan
BHS|Bahamas|Bahama|Nassau||Bahamian|The Bahamas|Kepulauan Bahama
BHR|Bahrain|Bahrain|Manama||Bahraini||
BGD|Bangladesh|Bangladesh|Dhaka|Dakka|Bangladeshi||
BRB|Barbados|Barbados|Bridgetown||Barbadian||
BLR|Belarus|Belarus|Minsk||Belarusian|Byelorussia|Belarusia
BEL|Belgium|Belgia|Brussels|Brussel|Belgian||
BLZ|Belize|Belize|Belmopan||Belizean||
BEN|Benin|Benin|Porto-Novo||Beninese||
BTN|Bhutan|Bhutan|Thimphu||Bhutanese||
BOL|Bolivia|Bolivia|Sucre;La Paz||Bolivian||
BIH|Bosnia and Herzegovina|Bosnia dan Herzegovina|Sarajevo||Bosnian|Bosnia-Herzegovina;Bosnia|Bosnia-Herzegovina;Bosnia
BWA|Botswana|Botswana|Gaborone||Botswanan||
BRA|Brazil|Brasil|Brasília;Brasilia||Brazilian||
BRN|Brunei|Brunei Darussalam|Bandar Seri Begawan||Bruneian|Brunei Darussalam|Brunei
BGR|Bulgaria|Bulgaria|Sofia||Bulgarian||
BFA|Burkina Faso|Burkina Faso|Ouagadougou||Burkinabe||
BDI|Burundi|Burundi|Gitega||Burundian||
CPV|Cape Verde|Tanjung Verde|Praia||Cape Verdean|Cabo Verde|Cabo Verde
KHM|Cambodia|Kamboja|Phnom Penh||Cambodian||
CMR|Cameroon|Kamerun|Yaoundé;Yaounde||Cameroonian||
CAN|Canada|Kanada|Ottawa||Canadian||
CAF|Central African Republic|Republik Afrika Tengah|Bangui||Central African||
TCD|Chad|Chad|N'Djamena||Chadian||Cad
CHL|Chile|Chili|Santiago||Chilean||Cile
CHN|China|Tiongkok|Beijing|Peking|Chinese|PRC;Mainland China|China;Cina;RRT;RRC;Republik Rakyat China;Republik Rakyat Cina;Tiongkok Daratan
COL|Colombia|Kolombia|Bogotá;Bogota||Colombian||Kolumbia
COM|Comoros|Komoro|Moroni||Comorian|Comoro Islands|Kepulauan Komoro
COG|Republic of the Congo|Republik Kongo|Brazzaville|||Congo-Brazzaville;Congo Republic;Congo (Brazzaville)|Kongo-Brazzaville;Republik Kongo
COD|Democratic Republic of the Congo|Republik Demokratik Kongo|Kinshasa|||DR Congo;DRC;Congo-Kinshasa;DR of Congo;Congo (Kinshasa)|RD Kongo;RDK;Republik Demokrat Kongo;Kongo-Kinshasa;Republik Demokratik Kongo
CRI|Costa Rica|Kosta Rika|San José;San Jose||Costa Rican||Costa Rica
CIV|Ivory Coast|Pantai Gading|Yamoussoukro;Abidjan||Ivorian|Côte d'Ivoire;Cote d'Ivoire|
HRV|Croatia|Kroasia|Zagreb||Croatian||
CUB|Cuba|Kuba|Havana||Cuban||
CYP|Cyprus|Siprus|Nicosia||Cypriot||
CZE|Czech Republic|Republik Ceko|Prague|Praha|Czech|Czechia|Ceko;Cheska;Republik Ceska
DNK|Denmark|Denmark|Copenhagen|Kopenhagen|Danish||Denmark;Dänemark
DJI|Djibouti|Djibouti|||Djiboutian||Jibuti
DMA|Dominica|Dominika|Roseau||||
DOM|Dominican Republic|Republik Dominika|Santo Domingo||Dominican||
ECU|Ecuador|Ekuador|Quito||Ecuadorian||
EGY|Egypt|Mesir|Cairo|Kairo|Egyptian||
SLV|El Salvador|El Salvador|San Salvador||Salvadoran||
GNQ|Equatorial Guinea|Guinea Khatulistiwa|Malabo||Equatoguinean;Equatorial Guinean||Guinea Ekuatorial
ERI|Eritrea|Eritrea|Asmara||Eritrean||
EST|Estonia|Estonia|Tallinn||Estonian||
SWZ|Eswatini|Eswatini|Mbabane||Swazi|Swaziland|Swaziland
ETH|Ethiopia|Ethiopia|Addis Ababa||Ethiopian||Etiopia
FJI|Fiji|Fiji|Suva||Fijian||
FIN|Finland|Finlandia|Helsinki||Finnish||
FRA|France|Prancis|Paris||French||Perancis
GAB|Gabon|Gabon|Libreville||Gabonese||
GMB|Gambia|Gambia|Banjul||Gambian|The Gambia|
GEO|Georgia|Georgia|Tbilisi||Georgian||Gruzia
DEU|Germany|Jerman|Berlin||German||
GHA|Ghana|Ghana|Accra||Ghanaian||
GRC|Greece|Yunani|Athens|Athena|Greek||
GRD|Grenada|Grenada|St. George's||Grenadian||
GTM|Guatemala|Guatemala|Guatemala City|Kota Guatemala|Guatemalan||
GIN|Guinea|Guinea|Conakry||Guinean||
GNB|Guinea-Bissau|Guinea-Bissau|Bissau||Bissau-Guinean||Guinea Bissau
GUY|Guyana|Guyana|Georgetown||Guyanese||
HTI|Haiti|Haiti|Port-au-Prince||Haitian||
HND|Honduras|Honduras|Tegucigalpa||Honduran||
HUN|Hungary|Hongaria|Budapest||Hungarian||Hungaria
ISL|Iceland|Islandia|Reykjavík;Reykjavik||Icelandic||
IND|India|India|New Delhi||Indian|Bharat|Bharat
IDN|Indonesia|Indonesia|Jakarta||Indonesian||Republik Indonesia;RI;NKRI
IRN|Iran|Iran|Tehran|Teheran|Iranian||
IRQ|Iraq|Irak|Baghdad|Bagdad|Iraqi||
IRL|Ireland|Irlandia|Dublin||Irish|Republic of Ireland|
ISR|Israel|Israel|Jerusalem|Yerusalem|Israeli||
ITA|Italy|Italia|Rome|Roma|Italian||
JAM|Jamaica|Jamaika|Kingston||Jamaican||
JPN|Japan|Jepang|Tokyo|Tokio|Japanese||Jepun
JOR|Jordan|Yordania|Amman||Jordanian||
KAZ|Kazakhstan|Kazakhstan|Astana|Nur-Sultan|Kazakh|Kazakstan|Kazakstan
KEN|Kenya|Kenya|Nairobi||Kenyan||
KIR|Kiribati|Kiribati|South Tarawa;Tarawa||||
KWT|Kuwait|Kuwait|Kuwait City|Kota Kuwait|Kuwaiti||
KGZ|Kyrgyzstan|Kirgizstan|Bishkek||Kyrgyz|Kirghizia|Kyrgyzstan;Kirgistan;Kirgiztan
LAO|Laos|Laos|Vientiane||Lao;Laotian|Lao PDR|Republik Demokratik Rakyat Laos;RDR Laos
LVA|Latvia|Latvia|Riga||Latvian||
LBN|Lebanon|Lebanon|Beirut||Lebanese||Libanon
LSO|Lesotho|Lesotho|Maseru||||
LBR|Liberia|Liberia|Monrovia||Liberian||
LBY|Libya|Libya|Tripoli||Libyan||Libia
LIE|Liechtenstein|Liechtenstein|Vaduz||||
LTU|Lithuania|Lituania|Vilnius||Lithuanian||Lithuania
LUX|Luxembourg|Luksemburg|||Luxembourgish||
MDG|Madagascar|Madagaskar|Antananarivo||Malagasy||
MWI|Malawi|Malawi|Lilongwe||Malawian||
MYS|Malaysia|Malaysia|Kuala Lumpur;Putrajaya||Malaysian||
MDV|Maldives|Maladewa|Malé||Maldivian||Maldives
MLI|Mali|Mali|Bamako||Malian||
MLT|Malta|Malta|Valletta||Maltese||
MHL|Marshall Islands|Kepulauan Marshall|Majuro||Marshallese||
MRT|Mauritania|Mauritania|Nouakchott||Mauritanian||
MUS|Mauritius|Mauritius|Port Louis||Mauritian||
MEX|Mexico|Meksiko|Mexico City|Kota Meksiko|Mexican||
FSM|Micronesia|Mikronesia|Palikir||Micronesian||
MDA|Moldova|Moldova|Chișinău;Chisinau||Moldovan||
MCO|Monaco|Monako|||Monegasque||
MNG|Mongolia|Mongolia|Ulaanbaatar;Ulan Bator||Mongolian||
MNE|Montenegro|Montenegro|Podgorica||Montenegrin||
MAR|Morocco|Maroko|Rabat||Moroccan||
MOZ|Mozambique|Mozambik|Maputo||Mozambican||
MMR|Myanmar|Myanmar|Naypyidaw;Nay Pyi Taw;Naypyitaw||Burmese|Burma|Birma
NAM|Namibia|Namibia|Windhoek||Namibian||
NRU|Nauru|Nauru|Yaren||Nauruan||
NPL|Nepal|Nepal|Kathmandu||Nepali;Nepalese||
NLD|Netherlands|Belanda|Amsterdam;The Hague|Den Haag|Dutch|The Netherlands;Holland|Holland;Nederland
NZL|New Zealand|Selandia Baru|Wellington||||
NIC|Nicaragua|Nikaragua|Managua||Nicaraguan||
NER|Niger|Niger|Niamey||Nigerien||
NGA|Nigeria|Nigeria|Abuja||Nigerian||
PRK|North Korea|Korea Utara|Pyongyang||North Korean|DPRK;DPR Korea|Korut;RDRK;Republik Demokratik Rakyat Korea
MKD|North Macedonia|Makedonia Utara|Skopje||||
NOR|Norway|Norwegia|Oslo||Norwegian||
OMN|Oman|Oman|Muscat|Muskat|Omani||
PAK|Pakistan|Pakistan|Islamabad||Pakistani||
PLW|Palau|Palau|Ngerulmud||Palauan||
PAN|Panama|Panama|Panama City|Kota Panama|Panamanian||
PNG|Papua New Guinea|Papua Nugini|Port Moresby||Papua New Guinean|PNG|Papua Niugini;PNG
PRY|Paraguay|Paraguay|Asunción;Asuncion||Paraguayan||
PER|Peru|Peru|Lima||Peruvian||
PHL|Philippines|Filipina|Manila||Philippine;Filipino|The Philippines|
POL|Poland|Polandia|Warsaw|Warsawa|Polish||
PRT|Portugal|Portugal|Lisbon|Lisabon|Portuguese||
QAT|Qatar|Qatar|Doha||Qatari||Katar
KOR|South Korea|Korea Selatan|Seoul||South Korean|Republic of Korea;ROK|Korsel;Republik Korea
ROU|Romania|Rumania|Bucharest|Bukares;Bukarest|Romanian||Romania
RUS|Russia|Rusia|Moscow|Moskow;Moskwa;Moskva|Russian||
RWA|Rwanda|Rwanda|Kigali||Rwandan||
KNA|Saint Kitts and Nevis|Saint Kitts dan Nevis|Basseterre||Kittitian|St. Kitts and Nevis|
LCA|Saint Lucia|Saint Lucia|Castries||Saint Lucian|St. Lucia|
VCT|Saint Vincent and the Grenadines|Saint Vincent dan Grenadine|Kingstown||Vincentian|St. Vincent and the Grenadines|Saint Vincent dan Grenadines
WSM|Samoa|Samoa|Apia||Samoan||
SMR|San Marino|San Marino|||Sammarinese||
STP|São Tomé and Príncipe|Sao Tome dan Principe|São Tomé;Sao Tome||Santomean|Sao Tome and Principe|São Tomé dan Príncipe
SAU|Saudi Arabia|Arab Saudi|Riyadh|Riyad|Saudi;Saudi Arabian|KSA|
SEN|Senegal|Senegal|Dakar||Senegalese||
SRB|Serbia|Serbia|Belgrade|Beograd|Serbian||
SYC|Seychelles|Seychelles|||Seychellois||
SLE|Sierra Leone|Sierra Leone|Freetown||Sierra Leonean||
SGP|Singapore|Singapura|||Singaporean||
SVK|Slovakia|Slowakia|Bratislava||Slovak||Slovakia
SVN|Slovenia|Slovenia|Ljubljana||Slovenian;Slovene||
SLB|Solomon Islands|Kepulauan Solomon|Honiara||||
SOM|Somalia|Somalia|Mogadishu|Mogadisyu|Somali||
ZAF|South Africa|Afrika Selatan|Pretoria;Cape Town;Bloemfontein||South African||Afsel
SSD|South Sudan|Sudan Selatan|Juba||South Sudanese||
ESP|Spain|Spanyol|Madrid||Spanish||
LKA|Sri Lanka|Sri Lanka|Sri Jayawardenepura Kotte;Colombo||Sri Lankan||
SDN|Sudan|Sudan|Khartoum||Sudanese||
SUR|Suriname|Suriname|Paramaribo||Surinamese|Surinam|Surinam
SWE|Sweden|Swedia|Stockholm||Swedish||
CHE|Switzerland|Swiss|Bern||Swiss||Swis;Switzerland
SYR|Syria|Suriah|Damascus|Damaskus|Syrian||Syria;Republik Arab Suriah
TJK|Tajikistan|Tajikistan|Dushanbe||Tajik||Tadjikistan
THA|Thailand|Thailand|Bangkok||Thai||Muangthai
TLS|Timor-Leste|Timor Leste|Dili||Timorese|East Timor|Timor-Leste;Republik Demokratik Timor Leste
TGO|Togo|Togo|Lomé;Lome||Togolese||
TON|Tonga|Tonga|Nukuʻalofa;Nuku'alofa||Tongan||
TTO|Trinidad and Tobago|Trinidad dan Tobago|Port of Spain||Trinidadian||
TUN|Tunisia|Tunisia|Tunis||Tunisian||
TUR|Turkey|Turki|Ankara||Turkish|Türkiye;Turkiye|Türkiye;Turkiye
TKM|Turkmenistan|Turkmenistan|Ashgabat|Ashgabad|Turkmen||
TUV|Tuvalu|Tuvalu|Funafuti||Tuvaluan||
UGA|Uganda|Uganda|Kampala||Ugandan||
UKR|Ukraine|Ukraina|Kyiv;Kiev|Kiyv|Ukrainian||
ARE|United Arab Emirates|Uni Emirat Arab|Abu Dhabi||Emirati|UAE;U.A.E.|UEA;PEA;Persatuan Emirat Arab
GBR|United Kingdom|Inggris|London||British|UK;U.K.;Britain;Great Britain|Britania Raya;Kerajaan Inggris;Kerajaan Bersatu
TZA|Tanzania|Tanzania|Dodoma||Tanzanian||
USA|United States|Amerika Serikat|Washington, D.C.;Washington;Washington DC;Washington, DC|Washington D.C.|American|US;U.S.;USA;U.S.A.;America;United States of America|AS;Amerika;Negeri Paman Sam
URY|Uruguay|Uruguay|Montevideo||Uruguayan||
UZB|Uzbekistan|Uzbekistan|Tashkent|Taskent|Uzbek||
VUT|Vanuatu|Vanuatu|Port Vila||||
VEN|Venezuela|Venezuela|Caracas||Venezuelan||
VNM|Vietnam|Vietnam|Hanoi||Vietnamese|Viet Nam|Viet Nam
YEM|Yemen|Yaman|Sanaa;Sana'a||Yemeni||Yemen
ZMB|Zambia|Zambia|Lusaka||Zambian||
ZWE|Zimbabwe|Zimbabwe|Harare||Zimbabwean||
VAT|Holy See|Takhta Suci|||Vatican|Vatican;Vatican City;Vatican City State|Vatikan;Tahta Suci;Negara Kota Vatikan
PSE|Palestine|Palestina|Ramallah||Palestinian|State of Palestine|Negara Palestina
TWN|Taiwan|Taiwan|Taipei||Taiwanese|Chinese Taipei|Taipei Tiongkok
XKX|Kosovo|Kosovo|Pristina;Priština||Kosovar|Republic of Kosovo|Republik Kosovo
COK|Cook Islands|Kepulauan Cook|Avarua||||
NIU|Niue|Niue|Alofi||||
"""

# Wikidata ids, copied from the country table of Our World in Data's grapher
# (owid/owid-grapher, packages/@ourworldindata/grapher/src/mapCharts/CountriesRegions.ts,
# column wikidata_uri). Left out where that source gives none (Kosovo) or where sources
# disagree on which item is the state (Netherlands: Q55 or Q29999; Holy See vs Vatican City).
WIKIDATA_SOURCE = """
AFG Q889 ALB Q222 DZA Q262 AND Q228 AGO Q916 ATG Q781 ARG Q414 ARM Q399 AUS Q408 AUT Q40
AZE Q227 BHS Q778 BHR Q398 BGD Q902 BRB Q244 BLR Q184 BEL Q31 BLZ Q242 BEN Q962 BTN Q917
BOL Q750 BIH Q225 BWA Q963 BRA Q155 BRN Q921 BGR Q219 BFA Q965 BDI Q967 KHM Q424 CMR Q1009
CAN Q16 CPV Q1011 CAF Q929 TCD Q657 CHL Q298 CHN Q148 COL Q739 COM Q970 COG Q971 COK Q26988
CRI Q800 CIV Q1008 HRV Q224 CUB Q241 CYP Q229 CZE Q213 COD Q974 DNK Q35 DJI Q977 DMA Q784
DOM Q786 ECU Q736 EGY Q79 SLV Q792 GNQ Q983 ERI Q986 EST Q191 SWZ Q1050 ETH Q115 FJI Q712
FIN Q33 FRA Q142 GAB Q1000 GMB Q1005 GEO Q230 DEU Q183 GHA Q117 GRC Q41 GRD Q769 GTM Q774
GIN Q1006 GNB Q1007 GUY Q734 HTI Q790 HND Q783 HUN Q28 ISL Q189 IND Q668 IDN Q252 IRN Q794
IRQ Q796 IRL Q27 ISR Q801 ITA Q38 JAM Q766 JPN Q17 JOR Q810 KAZ Q232 KEN Q114 KIR Q710
KWT Q817 KGZ Q813 LAO Q819 LVA Q211 LBN Q822 LSO Q1013 LBR Q1014 LBY Q1016 LIE Q347 LTU Q37
LUX Q32 MDG Q1019 MWI Q1020 MYS Q833 MDV Q826 MLI Q912 MLT Q233 MHL Q709 MRT Q1025 MUS Q1027
MEX Q96 FSM Q702 MDA Q217 MCO Q235 MNG Q711 MNE Q236 MAR Q1028 MOZ Q1029 MMR Q836 NAM Q1030
NRU Q697 NPL Q837 NZL Q664 NIC Q811 NER Q1032 NGA Q1033 NIU Q34020 PRK Q423 MKD Q221 NOR Q20
OMN Q842 PAK Q843 PLW Q695 PSE Q219060 PAN Q804 PNG Q691 PRY Q733 PER Q419 PHL Q928 POL Q36
PRT Q45 QAT Q846 ROU Q218 RUS Q159 RWA Q1037 KNA Q763 LCA Q760 VCT Q757 WSM Q683 SMR Q238
STP Q1039 SAU Q851 SEN Q1041 SRB Q403 SYC Q1042 SLE Q1044 SGP Q334 SVK Q214 SVN Q215 SLB Q685
SOM Q1045 ZAF Q258 KOR Q884 SSD Q958 ESP Q29 LKA Q854 SDN Q1049 SUR Q730 SWE Q34 CHE Q39
SYR Q858 TWN Q865 TJK Q863 TZA Q924 THA Q869 TLS Q574 TGO Q945 TON Q678 TTO Q754 TUN Q948
TUR Q43 TKM Q874 TUV Q672 UGA Q1036 UKR Q212 ARE Q878 GBR Q145 USA Q30 URY Q77 UZB Q265
VUT Q686 VEN Q717 VNM Q881 YEM Q805 ZMB Q953 ZWE Q954
"""
WIKIDATA = dict(zip(WIKIDATA_SOURCE.split()[::2], WIKIDATA_SOURCE.split()[1::2]))

#: A state's own name for an office a title names: role key -> role key of ``roles.yaml`` (the
#: "Foreign Secretary" of Mexico and of the Philippines is their Secretary of Foreign Affairs; the
#: United Kingdom's is its Foreign Secretary).
OFFICES = {
    "MEX": {"foreign-secretary": "secretary-of-foreign-affairs"},
    "PHL": {"foreign-secretary": "secretary-of-foreign-affairs"},
}

#: Kinds of state, kept in the YAML for consumers that care (scoring treats them alike).
OBSERVERS = {"VAT", "PSE"}
OTHER = {"TWN", "XKX", "COK", "NIU"}

# Indonesian pycountry translations with known defects: mistranslated "Principality"
# ("Kepemimpinan"), a typo ("Repulik"), and the historical province name for Timor-Leste.
_BAD_ID = re.compile(r"Kepemimpinan|Repulik|Timor Timur|Provinsi China|Grand Duchy")


def slug(text: str) -> str:
    """ASCII slug: lower-case, accents stripped, runs of other characters become ``-``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _add(bucket: list[str], value: str | None, *exclude: str) -> None:
    if not value or "," in value:  # "Korea, Republic of": an index form, not a surface form
        return
    if value in bucket or value in exclude:
        return
    bucket.append(value)


def build() -> list[dict[str, object]]:
    """The state records, in table order."""
    translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"]).gettext
    states: list[dict[str, object]] = []
    for line in TABLE.strip().splitlines():
        cells = line.split("|")
        if len(cells) != 8:
            raise ValueError(f"table row needs 8 cells, got {len(cells)}: {line!r}")
        iso3, name, label_id, caps_en, caps_id, adjectives, extra_en, extra_id = cells
        aliases_en: list[str] = []
        aliases_id: list[str] = []
        country = pycountry.countries.get(alpha_3=iso3)
        if country is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                _add(aliases_en, value, name)
                if value and not _BAD_ID.search(translate(value)) and translate(value) != value:
                    _add(aliases_id, translate(value), label_id)
        for alias in _split(extra_en):
            _add(aliases_en, alias, name)
        for alias in _split(extra_id):
            _add(aliases_id, alias, label_id)
        capitals_en = _split(caps_en)
        # Indonesian news writes most capitals as English does ("Beijing", "Washington") and
        # some its own way ("Moskow", "Kairo"), so the id list carries both.
        # Indonesian-specific spellings come first: the first id capital is the id label.
        capitals_id = _split(caps_id) + [c for c in capitals_en if c not in _split(caps_id)]
        record: dict[str, object] = {
            "key": slug(name),
            "iso3": iso3,
            "name": name,
            "status": "observer" if iso3 in OBSERVERS else "other" if iso3 in OTHER else "member",
            "labels": {"en": name, "id": label_id},
            "aliases": {"en": aliases_en, "id": aliases_id},
            "adjectives": {"en": _split(adjectives), "id": []},
            "capitals": {"en": capitals_en, "id": capitals_id},
        }
        if iso3 in WIKIDATA:
            record["wikidata"] = WIKIDATA[iso3]
        if iso3 in OFFICES:
            record["offices"] = OFFICES[iso3]
        states.append(record)
    return states


def render(states: list[dict[str, object]]) -> str:
    header = (
        "# Generated by tools/make_states_kb.py from pycountry and its curated table; edit the\n"
        "# table there and re-run rather than editing this file.\n"
        "# status: member (UN member state) | observer (UN observer state) | other\n"
        "# prior: optional whole number (default 0): when a surface form names several entries and the\n"
        "# text does not decide, the higher prior wins (then ontology/lexicon.yaml reading_types).\n"
    )
    body = yaml.safe_dump(
        {"states": states}, allow_unicode=True, sort_keys=False, width=100, default_flow_style=None
    )
    return header + body


def main(argv: list[str]) -> int:
    text = render(build())
    if "--check" in argv:
        return 0 if OUT.exists() and OUT.read_text(encoding="utf-8") == text else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
