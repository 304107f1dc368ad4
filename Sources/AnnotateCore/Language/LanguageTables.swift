extension LanguageProfile {
  /// Every language annotate segments, English first.
  static let all: [LanguageProfile] = [
    LanguageProfile(
      code: "en", name: "English",
      functionWords: [
        "the", "of", "and", "to", "in", "is", "that", "for", "it", "was", "on", "with", "as", "he", "by", "at", "from",
        "his", "have", "be", "are", "this", "which", "but", "not", "had", "has", "they", "were", "said", "been",
        "would", "their", "will", "who", "an", "or", "she",
      ]),
    LanguageProfile(
      code: "de", name: "German",
      titles: [
        "Dr", "Prof", "Hr", "Hrn", "Fr", "Dipl.-Ing", "Ing", "Pfr", "Dres", "med", "rer", "nat", "phil", "jur", "dent",
        "vet", "h.c",
      ],
      never: [
        "z.B", "d.h", "bzw", "vgl", "ggf", "evtl", "inkl", "exkl", "sog", "Nr", "Abs", "S", "ca", "Hrsg", "St", "z.T",
        "i.d.R", "u.U", "z.Zt", "v.a", "o.g", "m.E", "insb", "bspw", "zzgl", "Bd", "Str", "geb", "gest", "Tel", "z.Hd",
      ],
      ambiguous: [
        "usw", "etc", "Mio", "Mrd", "Tsd", "Jh", "Jhd", "Chr", "v.Chr", "n.Chr", "u.a", "o.ä", "u.ä", "d.J", "Art",
        "Std", "Min", "Mill", "Bio", "Pkt", "Stk", "ff", "Co", "e.V", "a.D", "i.R", "s.o", "s.u",
      ],
      months: [
        "Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
        "November", "Dezember", "Jan", "Jän", "Feb", "Mär", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Okt", "Nov",
        "Dez",
      ],
      ordinalDates: true,
      beforeOrdinal: [
        "am", "vom", "zum", "zur", "im", "beim", "ins", "bis", "seit", "ab", "nach", "vor", "der", "die", "das", "den",
        "dem", "des", "ein", "eine", "einem", "einer", "eines", "jeden", "jede", "jedem", "seinem", "seinen", "seines",
        "ihrem", "ihren", "ihres", "dieses", "diesem",
      ],
      sentenceStarters: [
        "Der", "Die", "Das", "Ein", "Eine", "Er", "Sie", "Es", "Wir", "Ich", "Ihr", "Man", "Dies", "Diese", "Dieser",
        "Dieses", "Damit", "Dabei", "Dafür", "Daher", "Deshalb", "Doch", "Aber", "Auch", "Und", "Dann", "Danach",
        "Zudem", "Außerdem", "Allerdings", "Jedoch", "Trotzdem", "Heute", "Gestern", "Laut", "Nach", "Im", "Am", "In",
        "Bei", "Mit", "Für", "Seit", "So", "Nun", "Als", "Wenn", "Wie", "Was", "Wer", "Warum", "Noch", "Nur", "Zwar",
        "Bereits", "Inzwischen", "Zuvor", "Später", "Seine", "Ihre",
      ],
      functionWords: [
        "der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für", "ist", "im", "dem",
        "nicht", "ein", "eine", "als", "auch", "es", "an", "werden", "aus", "er", "hat", "dass", "sie", "nach", "wird",
        "bei", "einer", "um", "noch", "wie", "über", "so",
      ]),
    LanguageProfile(
      code: "fr", name: "French",
      titles: ["M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Dr", "Pr", "Mgr"],
      never: ["p.ex", "c.-à-d", "cf", "env", "av", "apr", "n°", "nº", "bd", "chap", "tél", "vs"],
      ambiguous: ["etc", "J.-C", "hab", "Cie", "art", "mds", "Md"],
      months: [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
        "décembre", "janv", "févr", "fév", "avr", "juil", "sept", "oct", "nov", "déc",
      ],
      sentenceStarters: [
        "Le", "La", "Les", "Un", "Une", "Des", "Il", "Elle", "Ils", "Elles", "On", "Nous", "Vous", "Je", "Ce", "Cette",
        "Ces", "Cela", "Ceci", "Mais", "Et", "Or", "Donc", "Puis", "Ensuite", "Alors", "Pourtant", "Cependant",
        "Toutefois", "Ainsi", "Selon", "En", "Dans", "Pour", "Avec", "Après", "Avant", "Depuis", "Lors", "Si", "Quand",
        "Lorsque", "Comme", "Hier", "Demain", "Son", "Sa", "Ses", "Leur", "Leurs", "Par", "Sur", "Du", "Au", "Aux",
        "Enfin", "Pourquoi",
      ],
      functionWords: [
        "de", "la", "le", "et", "les", "des", "en", "un", "du", "une", "que", "est", "pour", "qui", "dans", "pas",
        "au", "sur", "ne", "il", "sont", "se", "ce", "avec", "elle", "aux", "ont", "été", "mais", "cette", "leur",
        "nous", "être", "comme", "aussi", "plus", "ou", "son",
      ]),
    LanguageProfile(
      code: "es", name: "Spanish",
      titles: [
        "Sr", "Sra", "Srta", "Sres", "D", "Dña", "Dr", "Dra", "Lic", "Ing", "Arq", "Excmo", "Excma", "Gral", "Pdte",
        "Mtro",
      ],
      never: ["p.ej", "ej", "pág", "págs", "núm", "aprox", "art", "Avda", "Av", "tel", "vs", "cf", "cfr"],
      ambiguous: ["etc", "EE.UU", "Ud", "Uds", "Vd", "Vds", "a.C", "d.C", "S.A", "Cía", "mill"],
      months: [
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre", "octubre",
        "noviembre", "diciembre", "ene", "feb", "abr", "jun", "jul", "ago", "sep", "sept", "oct", "nov", "dic",
      ],
      sentenceStarters: [
        "El", "La", "Los", "Las", "Un", "Una", "Unos", "Unas", "Él", "Ella", "Ellos", "Ellas", "Yo", "Nosotros",
        "Usted", "Este", "Esta", "Estos", "Estas", "Esto", "Eso", "Ese", "Esa", "Pero", "Y", "Sin", "Además",
        "También", "Entonces", "Luego", "Así", "Según", "En", "Con", "Para", "Por", "Desde", "Tras", "Durante", "Ante",
        "Aunque", "Cuando", "Si", "Como", "Hoy", "Ayer", "No", "Su", "Sus", "Al", "Del", "Se", "Lo", "Le", "Les", "Ya",
        "Otro", "Otra", "Mientras", "Hasta",
      ],
      functionWords: [
        "de", "la", "que", "el", "en", "y", "los", "del", "se", "las", "por", "un", "para", "con", "no", "una", "su",
        "al", "lo", "como", "más", "pero", "sus", "le", "ya", "hay", "este", "ha", "fue", "entre", "cuando", "muy",
        "sin", "sobre", "también", "hasta", "desde", "está", "son",
      ]),
    LanguageProfile(
      code: "it", name: "Italian",
      titles: [
        "Sig", "Sig.ra", "Sig.na", "Sigg", "Dott", "Dott.ssa", "Avv", "Prof", "Prof.ssa", "On", "Ing", "Arch", "Geom",
        "Rag", "Mons", "Dr",
      ],
      never: ["p.es", "es", "pag", "pagg", "n", "nr", "art", "cfr", "ca", "tel", "vs"],
      ambiguous: ["ecc", "etc", "mln", "mld", "a.C", "d.C", "S.p.A", "S.r.l", "sec", "ss", "c.a"],
      months: [
        "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
        "novembre", "dicembre", "gen", "genn", "feb", "febb", "apr", "mag", "giu", "lug", "sett", "ott", "nov", "dic",
      ],
      sentenceStarters: [
        "Il", "Lo", "La", "I", "Gli", "Le", "Un", "Uno", "Una", "Lui", "Lei", "Loro", "Noi", "Io", "Questo", "Questa",
        "Questi", "Queste", "Quello", "Quella", "Ma", "E", "Però", "Inoltre", "Tuttavia", "Anche", "Poi", "Quindi",
        "Così", "Secondo", "In", "Nel", "Nella", "Per", "Con", "Dopo", "Prima", "Da", "Dal", "Dalla", "Se", "Quando",
        "Come", "Oggi", "Ieri", "Domani", "Non", "Ci", "Si", "Già", "Intanto", "Mentre", "Sul", "Alla", "Al",
      ],
      functionWords: [
        "di", "e", "il", "la", "che", "in", "a", "per", "un", "è", "del", "non", "della", "una", "le", "si", "con",
        "i", "da", "al", "gli", "sono", "anche", "più", "nel", "ha", "dei", "alla", "come", "ma", "nella", "questo",
        "lo", "delle", "dal", "loro", "essere",
      ]),
    LanguageProfile(
      code: "pt", name: "Portuguese",
      titles: ["Sr", "Sra", "Srta", "Dr", "Dra", "Exmo", "Exma", "Prof", "Profa", "Eng", "Pe", "D"],
      never: ["p.ex", "pág", "págs", "nº", "n.º", "núm", "aprox", "Av", "art", "tel", "cf"],
      ambiguous: ["etc", "V.Exa", "a.C", "d.C", "S.A", "Lda", "Ltda", "Cia"],
      months: [
        "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
        "novembro", "dezembro", "jan", "fev", "abr", "jun", "jul", "ago", "set", "out", "nov", "dez",
      ],
      sentenceStarters: [
        "O", "A", "Os", "As", "Um", "Uma", "Ele", "Ela", "Eles", "Elas", "Eu", "Nós", "Você", "Este", "Esta", "Isto",
        "Esse", "Essa", "Isso", "Mas", "E", "Porém", "Contudo", "Entretanto", "No", "Na", "Nos", "Nas", "Em", "Com",
        "Para", "Por", "Segundo", "Após", "Depois", "Antes", "Desde", "Se", "Quando", "Como", "Hoje", "Ontem",
        "Amanhã", "Não", "Já", "Também", "Ainda", "Assim", "Então", "Além", "Seu", "Sua", "Do", "Da",
      ],
      functionWords: [
        "de", "a", "o", "que", "e", "do", "da", "em", "um", "para", "é", "com", "não", "uma", "os", "no", "se", "na",
        "por", "mais", "as", "dos", "como", "mas", "foi", "ao", "ele", "das", "tem", "à", "seu", "sua", "ou", "quando",
        "muito", "já", "está", "também", "pelo", "pela",
      ]),
    LanguageProfile(
      code: "nl", name: "Dutch",
      titles: ["dhr", "mevr", "mw", "mr", "dr", "drs", "ir", "ing", "prof", "ds"],
      never: [
        "bijv", "d.w.z", "o.a", "ca", "nr", "blz", "m.b.t", "t.a.v", "i.v.m", "n.a.v", "m.u.v", "zgn", "z.g", "vgl",
        "resp", "evt", "incl", "excl", "St",
      ],
      ambiguous: ["enz", "etc", "mln", "mld", "e.a", "e.d", "a.s", "j.l", "jl", "bv", "B.V", "N.V", "z.s.m"],
      months: [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november",
        "december", "jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec",
      ],
      sentenceStarters: [
        "De", "Het", "Een", "Hij", "Zij", "Ze", "Wij", "We", "Ik", "Jij", "U", "Dit", "Dat", "Deze", "Die", "Er",
        "Maar", "En", "Ook", "Toch", "Dan", "Daarna", "Daarom", "Bovendien", "Volgens", "In", "Op", "Met", "Na",
        "Voor", "Bij", "Als", "Toen", "Nu", "Vandaag", "Gisteren", "Zijn", "Haar", "Hun", "Wat", "Waarom", "Hoe",
        "Wie", "Niet", "Geen", "Alle", "Veel", "Sinds", "Tijdens", "Inmiddels", "Intussen",
      ],
      functionWords: [
        "de", "van", "het", "een", "en", "in", "is", "dat", "op", "te", "zijn", "met", "voor", "niet", "die", "aan",
        "er", "om", "ook", "als", "bij", "door", "maar", "naar", "uit", "worden", "nog", "wordt", "dan", "werd", "tot",
        "kan", "over", "hij", "zij", "heeft", "hebben", "deze", "geen",
      ]),
    LanguageProfile(
      code: "da", name: "Danish",
      titles: ["hr", "frk", "dr", "prof"],
      never: [
        "f.eks", "bl.a", "ca", "nr", "dvs", "kl", "jf", "pga", "ifm", "inkl", "vedr", "evt", "hhv", "mht", "iflg",
        "ang", "tlf", "d",
      ],
      ambiguous: [
        "osv", "etc", "m.fl", "mfl", "m.m", "mv", "kr", "mio", "mia", "mill", "pct", "stk", "årh", "f.Kr", "e.Kr",
      ],
      months: [
        "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec",
      ],
      ordinalDates: true,
      beforeOrdinal: [
        "den", "det", "d", "i", "fra", "til", "på", "efter", "siden", "de", "en", "et", "hans", "hendes", "sin", "sit",
        "om",
      ],
      sentenceStarters: [
        "Den", "Det", "De", "En", "Et", "Han", "Hun", "Vi", "Jeg", "Du", "Der", "Dette", "Disse", "Men", "Og", "Så",
        "Da", "Nu", "Også", "Derfor", "Desuden", "Ifølge", "I", "På", "Med", "For", "Efter", "Før", "Når", "Hvis",
        "Som", "Hvad", "Hvorfor", "Hvordan", "Hvem", "Ikke", "Alle", "Mange", "Hans", "Hendes", "Deres", "Samtidig",
        "Senere", "Tidligere", "Her", "Dog",
      ],
      functionWords: [
        "og", "i", "at", "det", "er", "en", "til", "på", "de", "af", "som", "for", "med", "den", "har", "ikke", "et",
        "der", "om", "var", "han", "blev", "efter", "også", "fra", "nu", "meget", "mig", "hvad", "siger", "havde",
        "ud", "op", "nogle", "noget", "mere", "blive", "igen", "mod", "sagde",
      ]),
    LanguageProfile(
      code: "sv", name: "Swedish",
      titles: ["dr", "prof"],
      never: [
        "t.ex", "s.k", "bl.a", "dvs", "ca", "nr", "kl", "fr.o.m", "t.o.m", "p.g.a", "pga", "enl", "inkl", "jfr",
        "resp", "ev", "f.d",
      ],
      ambiguous: [
        "osv", "etc", "m.m", "m.fl", "mfl", "kr", "mkr", "mdkr", "milj", "mdr", "st", "proc", "f.Kr", "e.Kr",
      ],
      months: [
        "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec",
      ],
      sentenceStarters: [
        "Den", "Det", "De", "En", "Ett", "Han", "Hon", "Vi", "Jag", "Du", "Ni", "Man", "Detta", "Dessa", "Denna",
        "Men", "Och", "Så", "Då", "Nu", "Också", "Därför", "Dessutom", "Enligt", "I", "På", "Med", "För", "Efter",
        "Före", "När", "Om", "Som", "Vad", "Varför", "Hur", "Vem", "Inte", "Alla", "Många", "Hans", "Hennes", "Deras",
        "Samtidigt", "Senare", "Tidigare", "Här", "Där", "Under", "Sedan",
      ],
      functionWords: [
        "och", "i", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den", "har", "de", "inte",
        "om", "ett", "hon", "sig", "från", "vi", "så", "man", "när", "också", "eller", "vid", "hade", "under",
        "skulle", "mot", "något", "några", "mycket", "bara", "säger",
      ]),
    LanguageProfile(
      code: "no", name: "Norwegian Bokmål",
      titles: ["dr", "prof"],
      never: [
        "f.eks", "bl.a", "ca", "nr", "dvs", "kl", "jf", "pga", "ifm", "inkl", "iflg", "mht", "evt", "vha", "ang",
        "tlf", "d",
      ],
      ambiguous: ["osv", "etc", "mv", "m.m", "m.fl", "mfl", "kr", "mill", "mrd", "pst", "stk", "årh", "f.Kr", "e.Kr"],
      months: [
        "januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november",
        "desember", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "des",
      ],
      ordinalDates: true,
      beforeOrdinal: [
        "den", "det", "d", "i", "fra", "til", "på", "etter", "siden", "de", "en", "et", "hans", "hennes", "sin",
        "sitt", "om", "før",
      ],
      sentenceStarters: [
        "Den", "Det", "De", "En", "Et", "Han", "Hun", "Vi", "Jeg", "Du", "Man", "Dette", "Disse", "Men", "Og", "Så",
        "Da", "Nå", "Også", "Derfor", "Dessuten", "Ifølge", "I", "På", "Med", "For", "Etter", "Før", "Når", "Hvis",
        "Som", "Hva", "Hvorfor", "Hvordan", "Hvem", "Ikke", "Alle", "Mange", "Hans", "Hennes", "Deres", "Samtidig",
        "Senere", "Tidligere", "Her", "Der", "Under",
      ],
      functionWords: [
        "og", "i", "det", "er", "til", "på", "som", "en", "av", "for", "med", "har", "ikke", "den", "de", "at", "å",
        "et", "var", "jeg", "om", "også", "ble", "fra", "etter", "seg", "nå", "mye", "hva", "bare", "sier", "noe",
        "hadde", "ut", "opp", "noen", "mer", "bli", "igjen", "mot",
      ]),
    LanguageProfile(
      code: "pl", name: "Polish",
      titles: ["dr", "prof", "mgr", "inż", "hab", "ks", "bp", "abp", "płk", "gen", "mjr", "kpt", "red", "św"],
      never: [
        "np", "tj", "tzn", "tzw", "ul", "al", "pl", "os", "woj", "pow", "gm", "ds", "wg", "m.in", "por", "zob", "str",
        "nr", "godz", "ur", "zm", "ub", "pt", "tel",
      ],
      ambiguous: [
        "r", "w", "tys", "mln", "mld", "zł", "gr", "itd", "itp", "in", "im", "ok", "br", "p.n.e", "n.e", "pkt", "min",
        "proc",
      ],
      months: [
        "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października",
        "listopada", "grudnia", "styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień",
        "wrzesień", "październik", "listopad", "grudzień", "sty", "lut", "kwi", "cze", "lip", "wrz", "paź", "gru",
      ],
      ordinalDates: true,
      beforeOrdinal: ["w", "we", "do", "od", "na", "po", "przed", "za", "z", "ze", "dnia"],
      sentenceStarters: [
        "W", "We", "Na", "Do", "Od", "Po", "Z", "Ze", "Za", "Przed", "Dla", "Jak", "Jednak", "Ale", "I", "A", "Oraz",
        "Także", "Również", "To", "Ten", "Ta", "Te", "Ci", "Tego", "On", "Ona", "Ono", "Oni", "One", "My", "Wy", "Ja",
        "Nie", "Tak", "Co", "Kto", "Dlaczego", "Gdy", "Kiedy", "Jeśli", "Jeżeli", "Według", "Dziś", "Dzisiaj",
        "Wczoraj", "Jutro", "Teraz", "Potem", "Następnie", "Wtedy", "Zdaniem", "Natomiast", "Ponadto", "Poza", "Wśród",
        "Obecnie", "Już",
      ],
      functionWords: [
        "i", "w", "nie", "na", "się", "z", "do", "to", "że", "jest", "o", "jak", "po", "co", "a", "od", "za", "przez",
        "tak", "już", "czy", "ale", "są", "jego", "dla", "być", "tym", "oraz", "który", "która", "które", "został",
        "także", "przy", "ich", "może", "tego", "ze", "jednak",
      ]),
    LanguageProfile(
      code: "cs", name: "Czech",
      titles: [
        "Ing", "Mgr", "MUDr", "JUDr", "PhDr", "RNDr", "MVDr", "PaedDr", "Bc", "doc", "prof", "dr", "p", "pí", "gen",
        "plk", "mjr", "kpt", "sv",
      ],
      never: [
        "např", "tj", "tzv", "tzn", "cca", "resp", "str", "č", "čl", "ul", "tř", "mj", "popř", "příp", "odst", "písm",
        "vč",
      ],
      ambiguous: ["atd", "apod", "aj", "tis", "mil", "mld", "r", "stol", "hod", "min", "př.n.l", "n.l"],
      months: [
        "ledna", "února", "března", "dubna", "května", "června", "července", "srpna", "září", "října", "listopadu",
        "prosince", "leden", "únor", "březen", "duben", "květen", "červen", "červenec", "srpen", "říjen", "listopad",
        "prosinec",
      ],
      ordinalDates: true,
      beforeOrdinal: ["v", "ve", "do", "od", "k", "ke", "na", "po", "před", "za", "ze", "z", "s", "se", "o", "dne"],
      sentenceStarters: [
        "V", "Ve", "Na", "Do", "Od", "Po", "Z", "Ze", "Za", "Před", "Pro", "Podle", "Jak", "Ale", "A", "I", "Však",
        "Také", "To", "Ten", "Ta", "Tento", "Tato", "Toto", "Tyto", "Tam", "On", "Ona", "Oni", "My", "Já", "Vy", "Ne",
        "Co", "Kdo", "Proč", "Když", "Pokud", "Dnes", "Včera", "Zítra", "Nyní", "Poté", "Pak", "Potom", "Přitom",
        "Navíc", "Kromě", "Letos", "Loni", "Už", "Již", "Jeho", "Její", "Jejich",
      ],
      functionWords: [
        "a", "se", "v", "na", "je", "že", "to", "z", "do", "jsou", "jako", "ale", "za", "které", "který", "jeho", "od",
        "po", "pro", "také", "být", "bylo", "byl", "byla", "jsem", "tak", "už", "ve", "podle", "při", "když", "však",
        "jen", "nebo", "jak", "ještě", "může", "mezi", "proto",
      ]),
    LanguageProfile(
      code: "sk", name: "Slovak",
      titles: [
        "Ing", "Mgr", "MUDr", "JUDr", "PhDr", "RNDr", "MVDr", "PaedDr", "Bc", "doc", "prof", "dr", "p", "gen", "plk",
        "sv",
      ],
      never: [
        "napr", "tzv", "tzn", "resp", "tj", "č", "čl", "ul", "o.i", "popr", "príp", "vr", "str", "ods", "písm", "cca",
      ],
      ambiguous: ["atď", "tis", "mil", "mld", "r", "stor", "hod", "min", "p.n.l", "n.l"],
      months: [
        "januára", "februára", "marca", "apríla", "mája", "júna", "júla", "augusta", "septembra", "októbra",
        "novembra", "decembra", "január", "február", "marec", "apríl", "máj", "jún", "júl", "august", "september",
        "október", "november", "december",
      ],
      ordinalDates: true,
      beforeOrdinal: ["v", "vo", "do", "od", "k", "ku", "na", "po", "pred", "za", "zo", "z", "s", "so", "o", "dňa"],
      sentenceStarters: [
        "V", "Vo", "Na", "Do", "Od", "Po", "Z", "Zo", "Za", "Pred", "Pre", "Podľa", "Ako", "Ale", "A", "Aj", "Však",
        "Tiež", "To", "Ten", "Tá", "Tento", "Táto", "Toto", "Tieto", "Tam", "On", "Ona", "Oni", "My", "Ja", "Vy",
        "Nie", "Čo", "Kto", "Prečo", "Keď", "Ak", "Dnes", "Včera", "Zajtra", "Teraz", "Potom", "Navyše", "Okrem",
        "Jeho", "Jej", "Ich", "Už", "Preto", "Pritom", "Zároveň",
      ],
      functionWords: [
        "a", "v", "na", "sa", "je", "že", "to", "z", "do", "sú", "ako", "ale", "za", "ktoré", "ktorý", "jeho", "od",
        "po", "pre", "aj", "byť", "bolo", "bol", "bola", "som", "tak", "už", "vo", "podľa", "pri", "keď", "však",
        "len", "alebo", "tiež", "ešte", "môže", "medzi", "preto",
      ]),
    LanguageProfile(
      code: "ru", name: "Russian",
      titles: ["проф", "акад", "доц", "св"],
      never: [
        "т.е", "т.к", "т.н", "т.ч", "т.о", "и.о", "ул", "пл", "пер", "просп", "пос", "напр", "стр", "ср", "ст", "гл",
        "кв",
      ],
      ambiguous: [
        "г", "гг", "в", "вв", "млн", "млрд", "тыс", "руб", "коп", "долл", "чел", "мин", "др", "пр", "т.д", "т.п",
        "н.э", "им", "см", "обл",
      ],
      months: [
        "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября",
        "декабря", "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
        "ноябрь", "декабрь", "янв", "фев", "февр", "апр", "авг", "сент", "окт", "нояб", "дек",
      ],
      sentenceStarters: [
        "В", "На", "По", "С", "К", "Из", "От", "До", "За", "При", "Для", "После", "Перед", "Как", "Но", "И", "А",
        "Однако", "Также", "Кроме", "Это", "Этот", "Эта", "Эти", "Тот", "Он", "Она", "Оно", "Они", "Мы", "Я", "Вы",
        "Не", "Что", "Кто", "Почему", "Когда", "Если", "Сегодня", "Вчера", "Завтра", "Теперь", "Сейчас", "Потом",
        "Затем", "Тогда", "Поэтому", "Впрочем", "Его", "Ее", "Их", "Уже", "Еще", "Все", "Так", "Там",
      ],
      functionWords: [
        "и", "в", "не", "на", "что", "с", "по", "это", "как", "к", "из", "для", "был", "он", "также", "который", "или",
        "а", "о", "за", "от", "его", "но", "она", "так", "же", "до", "бы", "при", "было", "они", "уже", "только",
        "может", "если", "еще", "году", "были", "есть",
      ]),
    LanguageProfile(
      code: "uk", name: "Ukrainian",
      titles: ["проф", "акад", "доц", "св"],
      never: ["т.зв", "т.ч", "в.о", "напр", "зокр", "вул", "пл", "просп", "пров", "буд", "див", "с"],
      ambiguous: [
        "р", "рр", "ст", "млн", "млрд", "тис", "грн", "коп", "дол", "т.д", "т.п", "ін", "ім", "обл", "н.е", "год",
        "хв",
      ],
      months: [
        "січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня",
        "листопада", "грудня", "січень", "лютий", "березень", "квітень", "травень", "червень", "липень", "серпень",
        "вересень", "жовтень", "листопад", "грудень",
      ],
      sentenceStarters: [
        "У", "В", "На", "По", "З", "До", "Від", "За", "При", "Для", "Після", "Перед", "Як", "Але", "І", "А", "Проте",
        "Однак", "Також", "Крім", "Це", "Цей", "Ця", "Ці", "Той", "Він", "Вона", "Воно", "Вони", "Ми", "Я", "Ви", "Не",
        "Що", "Хто", "Чому", "Коли", "Якщо", "Сьогодні", "Вчора", "Завтра", "Тепер", "Зараз", "Потім", "Згодом",
        "Тоді", "Тому", "Його", "Її", "Їх", "Вже", "Уже", "Ще", "Всі", "Так", "Там", "Водночас", "Зокрема", "Наразі",
      ],
      functionWords: [
        "і", "й", "що", "на", "не", "це", "та", "як", "до", "від", "був", "його", "які", "також", "в", "у", "з", "за",
        "про", "але", "для", "із", "він", "вона", "вони", "було", "вже", "ще", "тому", "який", "яка", "може", "буде",
        "щоб", "при", "була", "або", "тільки", "її",
      ]),
    LanguageProfile(
      code: "bg", name: "Bulgarian",
      titles: ["проф", "акад", "доц", "д-р", "св"],
      never: ["напр", "т.е", "т.нар", "вж", "ул", "бул", "пл", "кв", "гр", "с", "чл", "ал"],
      ambiguous: ["г", "в", "млн", "млрд", "хил", "лв", "др", "т.н", "н.е", "ч", "мин", "бр"],
      months: [
        "януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември", "октомври", "ноември",
        "декември", "ян", "фев", "апр", "авг", "сеп", "септ", "окт", "ноем", "дек",
      ],
      sentenceStarters: [
        "В", "Във", "На", "По", "С", "Със", "К", "От", "До", "За", "При", "Пред", "След", "Преди", "Според", "Как",
        "Но", "И", "А", "Обаче", "Също", "Освен", "Това", "Този", "Тази", "Тези", "Той", "Тя", "То", "Те", "Ние", "Аз",
        "Вие", "Не", "Какво", "Кой", "Защо", "Когато", "Ако", "Днес", "Вчера", "Утре", "Сега", "После", "Тогава",
        "Затова", "Вече", "Още", "Всички", "Така", "Там", "Междувременно",
      ],
      functionWords: [
        "на", "и", "да", "се", "за", "от", "е", "са", "че", "с", "не", "по", "това", "като", "който", "които", "ще",
        "в", "а", "към", "при", "но", "след", "до", "си", "го", "ни", "може", "беше", "бил", "тази", "този", "има",
        "което", "която", "със", "във", "също", "още", "най",
      ]),
    LanguageProfile(
      code: "el", name: "Greek",
      titles: ["κ", "κα", "κ.κ", "Δρ", "καθ"],
      never: ["δηλ", "βλ", "λ.χ", "αρ", "σελ", "οδ", "τηλ", "άρθ"],
      ambiguous: ["π.χ", "μ.Χ", "κ.ά", "κ.λπ", "κλπ", "κ.τ.λ", "κτλ", "εκ", "εκατ", "δισ", "χιλ", "αι", "τ.μ", "Α.Ε"],
      months: [
        "Ιανουαρίου", "Φεβρουαρίου", "Μαρτίου", "Απριλίου", "Μαΐου", "Ιουνίου", "Ιουλίου", "Αυγούστου", "Σεπτεμβρίου",
        "Οκτωβρίου", "Νοεμβρίου", "Δεκεμβρίου", "Ιανουάριος", "Φεβρουάριος", "Μάρτιος", "Απρίλιος", "Μάιος", "Ιούνιος",
        "Ιούλιος", "Αύγουστος", "Σεπτέμβριος", "Οκτώβριος", "Νοέμβριος", "Δεκέμβριος", "Ιαν", "Φεβ", "Μαρ", "Απρ",
        "Ιουν", "Ιουλ", "Αυγ", "Σεπ", "Οκτ", "Νοε", "Δεκ",
      ],
      sentenceStarters: [
        "Ο", "Η", "Το", "Οι", "Τα", "Τον", "Την", "Του", "Της", "Των", "Ένας", "Μία", "Μια", "Ένα", "Αυτός", "Αυτή",
        "Αυτό", "Αυτά", "Αυτοί", "Εμείς", "Εγώ", "Εσείς", "Αλλά", "Και", "Όμως", "Ωστόσο", "Επίσης", "Στη", "Στην",
        "Στο", "Στον", "Στα", "Στις", "Στους", "Σε", "Με", "Για", "Από", "Μετά", "Πριν", "Κατά", "Σύμφωνα", "Όπως",
        "Όταν", "Αν", "Εάν", "Σήμερα", "Χθες", "Αύριο", "Τώρα", "Έτσι", "Δεν", "Πλέον", "Παράλληλα", "Μάλιστα",
      ],
      functionWords: [
        "και", "το", "της", "η", "να", "την", "του", "ο", "σε", "για", "με", "που", "τα", "των", "από", "στο", "στην",
        "οι", "είναι", "θα", "δεν", "τον", "ότι", "στη", "τη", "στις", "ένα", "μια", "αλλά", "έχει",
      ]),
    LanguageProfile(
      code: "tr", name: "Turkish",
      titles: ["Dr", "Prof", "Doç", "Yrd", "Av", "Öğr", "Arş", "Uzm", "Op", "Sn", "Hz", "Org", "Alb"],
      never: ["örn", "bkz", "Cad", "Sok", "Mah", "Blv", "Apt", "çev", "M.Ö", "M.S"],
      ambiguous: ["vb", "vs", "vd", "yy", "Gör", "Ltd", "Şti", "A.Ş"],
      months: [
        "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık",
        "Oca", "Şub", "Mar", "Nis", "May", "Haz", "Tem", "Ağu", "Eyl", "Eki",
      ],
      ordinalDates: true,
      beforeOrdinal: ["her", "ve", "ile", "bu"],
      sentenceStarters: [
        "Bu", "Bunu", "Bunun", "Bunlar", "Şu", "O", "Onun", "Onlar", "Ben", "Biz", "Siz", "Sen", "Ancak", "Ama",
        "Fakat", "Ve", "Ayrıca", "Daha", "Bir", "Her", "Hem", "Ne", "Neden", "Nasıl", "Kim", "Eğer", "Çünkü", "Şimdi",
        "Bugün", "Dün", "Yarın", "Sonra", "Öte", "Öyle", "Böyle", "Yine", "Hatta", "Üstelik", "Oysa", "Halbuki",
        "Diğer", "Tüm", "Bütün", "İşte", "İlk",
      ],
      functionWords: [
        "ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "çok", "daha", "olan", "gibi", "kadar", "ama", "en",
        "sonra", "ise", "her", "değil", "olduğu", "ne", "o", "var", "yok", "ancak", "göre", "tarafından", "şu", "ya",
        "mi", "büyük", "yeni", "oldu", "ilk", "iki", "yıl",
      ]),
    LanguageProfile(
      code: "ka", name: "Georgian",
      titles: ["პროფ"],
      never: ["ე.ი", "ე.წ", "ქ", "გვ", "მაგ", "იხ"],
      ambiguous: ["ა.შ", "წ", "წწ", "ა.წ", "ძვ.წ", "მლნ", "მლრდ"],
      sentenceStarters: [
        "ეს", "ის", "ამ", "მაგრამ", "თუმცა", "და", "როგორც", "ასევე", "მისი", "მათი", "ჩვენ", "მე", "ისინი", "დღეს",
        "გუშინ", "ხვალ", "როდესაც", "თუ", "ამიტომ", "შემდეგ", "ამასთან", "ამავე", "მან", "მას", "უკვე",
      ],
      functionWords: [
        "და", "რომ", "არ", "ეს", "ის", "ამ", "თუ", "კი", "უნდა", "იყო", "არის", "მაგრამ", "ან", "როგორც", "ასევე",
        "მისი", "მიერ", "შესახებ", "ყველა", "უფრო", "მხოლოდ", "რაც", "რა", "ვერ", "მას",
      ]),
    LanguageProfile(
      code: "hy", name: "Armenian",
      titles: ["պրն", "տկն"],
      never: ["թ", "թթ", "ք", "փ"],
      ambiguous: ["մլն", "մլրդ", "դր"],
      sentenceStarters: [
        "Այս", "Այդ", "Այն", "Նա", "Նրանք", "Մենք", "Ես", "Դուք", "Բայց", "Սակայն", "Եվ", "Իսկ", "Նաև", "Այսօր",
        "Երեկ", "Վաղը", "Երբ", "Եթե", "Ըստ", "Հետո", "Այնուհետև", "Նրա", "Մինչ", "Ինչպես", "Արդեն",
      ],
      functionWords: [
        "և", "եւ", "է", "որ", "են", "այս", "ի", "էր", "համար", "իր", "նա", "այն", "հետ", "մեջ", "չի", "ու", "կամ",
        "բայց", "նաև", "որը", "ինչպես", "իսկ", "պետք", "մասին",
      ]),
    LanguageProfile(
      code: "kk", name: "Kazakh",
      ambiguous: ["т.б", "т.с.с", "ж", "жж", "ғ", "млн", "млрд", "б.з.б", "б.з"],
      sentenceStarters: [
        "Бұл", "Ол", "Олар", "Біз", "Мен", "Сіз", "Сен", "Бірақ", "Алайда", "Және", "Сондай-ақ", "Сонымен", "Осы",
        "Сол", "Енді", "Бүгін", "Кеше", "Ертең", "Егер", "Өйткені", "Себебі", "Қазір", "Кейін", "Содан", "Оның",
        "Олардың", "Біздің", "Мұнда", "Онда", "Дегенмен",
      ],
      functionWords: [
        "және", "бұл", "мен", "да", "де", "деп", "үшін", "бойынша", "бар", "жоқ", "екен", "болып", "еді", "сол", "осы",
        "ол", "бір", "оның", "деген", "керек", "тағы", "та", "те", "ғана", "болады", "емес", "жылы", "арқылы",
        "туралы",
      ]),
    LanguageProfile(
      code: "ar", name: "Arabic",
      titles: ["د", "أ", "أ.د"],
      ambiguous: ["م", "هـ", "ق.م"],
      sentenceStarters: [
        "وقال", "وقالت", "وأضاف", "وأكد", "وأشار", "وذكر", "وأوضح", "وتابع", "وكان", "وفي", "ومن", "في", "من", "كما",
        "لكن", "ولكن", "إن", "إذ", "هذا", "هذه", "ذلك", "تلك", "هو", "هي", "هم", "نحن", "أنا", "بينما", "حيث", "ثم",
        "وبحسب", "وفقا",
      ],
      functionWords: [
        "و", "في", "من", "على", "أن", "إلى", "التي", "الذي", "عن", "مع", "هذا", "كان", "ما", "لا", "أو", "هذه", "قد",
        "بين", "ذلك", "كما", "إن", "بعد", "كل", "لم", "حيث", "الى", "أي", "غير", "وقد", "وفي", "قال", "منذ", "عام",
      ]),
    LanguageProfile(
      code: "fa", name: "Persian",
      ambiguous: ["ه.ش", "ه.ق", "ق.م"],
      sentenceStarters: [
        "این", "آن", "او", "ما", "من", "آنها", "وی", "اما", "ولی", "همچنین", "در", "به", "از", "با", "بر", "برای",
        "پس", "سپس", "اگر", "وقتی", "چون", "زیرا", "امروز", "دیروز", "فردا", "هم", "همچنان", "بنابراین",
      ],
      functionWords: [
        "و", "در", "به", "از", "که", "این", "را", "با", "است", "برای", "آن", "یک", "می", "شد", "هم", "تا", "بر", "خود",
        "شده", "کرد", "بود", "ها", "نیز", "اما", "او", "وی", "های", "کند", "شود", "دارد", "باید",
      ]),
    LanguageProfile(
      code: "ur", name: "Urdu",
      sentenceStarters: [
        "یہ", "وہ", "اس", "ان", "ہم", "آپ", "لیکن", "مگر", "اور", "تاہم", "جبکہ", "کیونکہ", "اگر", "جب", "پھر", "اب",
        "آج", "کل", "بعد", "اسی", "انہوں", "دوسری",
      ],
      functionWords: [
        "کے", "میں", "کی", "ہے", "اور", "کا", "کو", "سے", "نے", "یہ", "پر", "ہیں", "کہ", "بھی", "تھا", "تھے", "گیا",
        "ایک", "وہ", "اس", "کر", "ان", "جو", "تھی", "نہیں", "گی", "رہے", "کیا", "لیے", "ہو",
      ]),
    LanguageProfile(
      code: "hi", name: "Hindi",
      titles: ["डॉ", "प्रो"],
      ambiguous: ["ई", "ई.पू"],
      sentenceStarters: [
        "यह", "वह", "इस", "उस", "ये", "वे", "हम", "मैं", "आप", "लेकिन", "परंतु", "मगर", "और", "साथ", "इसके",
        "उन्होंने", "उनके", "उसके", "अब", "आज", "कल", "फिर", "जब", "अगर", "यदि", "क्योंकि", "इसलिए", "हालांकि", "वहीं",
        "इसी",
      ],
      functionWords: [
        "के", "में", "की", "है", "और", "से", "को", "का", "कि", "पर", "यह", "ने", "भी", "हैं", "था", "एक", "नहीं",
        "लिए", "तो", "कर", "गया", "इस", "हो", "जो", "थे", "किया", "रहा", "साथ", "वह", "कहा", "अपने", "बाद",
      ]),
    LanguageProfile(
      code: "mr", name: "Marathi",
      titles: ["डॉ", "प्रा", "सौ"],
      never: ["इ.स"],
      sentenceStarters: [
        "हा", "ही", "हे", "तो", "ती", "ते", "त्या", "या", "आम्ही", "आपण", "मी", "पण", "परंतु", "मात्र", "आणि", "तसेच",
        "त्यामुळे", "त्यानंतर", "आज", "काल", "उद्या", "आता", "जर", "जेव्हा", "कारण", "म्हणून", "यावेळी", "त्यांनी",
        "दरम्यान",
      ],
      functionWords: [
        "आणि", "आहे", "या", "हे", "की", "व", "तर", "होते", "आहेत", "केले", "त्यांनी", "म्हणून", "पण", "असे", "ही",
        "करण्यात", "आली", "झाली", "येथे", "त्या", "तो", "ते", "मात्र", "नाही", "असून", "होता", "यांनी", "आता", "देखील",
        "सांगितले", "केली", "त्यांच्या", "होती",
      ]),
    LanguageProfile(
      code: "am", name: "Amharic",
      ambiguous: ["ዓ.ም"],
      functionWords: [
        "እና", "ላይ", "ነው", "ውስጥ", "ጋር", "እንደ", "ወደ", "ነበር", "ግን", "ይህ", "ሲሆን", "ናቸው", "ብቻ", "ሁሉ", "እስከ", "ደግሞ", "ይህን",
        "ያለው", "ማለት", "እንዲሁም", "አሁን", "መሆኑን", "እነዚህ", "ይህም",
      ]),
    LanguageProfile(
      code: "my", name: "Burmese",
      functionWords: [
        "သည်", "၏", "နှင့်", "တွင်", "ကို", "မှ", "များ", "က", "ပါ", "သော", "ဖြစ်", "ရန်", "အတွက်", "လည်း", "ပြီး",
        "ခဲ့", "မည်", "ရှိ", "သို့", "ဤ",
      ]),
    LanguageProfile(
      code: "zh", name: "Chinese",
      functionWords: [
        "的", "是", "在", "了", "和", "有", "也", "不", "这", "中", "人", "为", "对", "上", "年", "我们", "他", "将",
        "与", "就", "说", "被", "等", "而", "从", "這", "與", "為", "說", "我們",
      ]),
    LanguageProfile(
      code: "ja", name: "Japanese",
      functionWords: [
        "の", "に", "は", "を", "た", "が", "で", "て", "と", "し", "れ", "さ", "ある", "いる", "する", "から", "まで",
        "など", "こと", "この", "その", "もの", "ない", "また", "です", "ます", "よう",
      ]),
    LanguageProfile(
      code: "ko", name: "Korean",
      functionWords: [
        "이", "그", "및", "수", "있다", "했다", "것", "등", "있는", "하는", "위해", "대한", "이번", "지난", "또한",
        "그러나", "하지만", "것으로", "밝혔다", "통해", "있다고", "말했다", "가장", "때문에", "함께",
      ]),
  ]
}
