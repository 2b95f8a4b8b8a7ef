import AttnLang
