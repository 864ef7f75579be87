/**
 * Hand-written word lists the recognisers share. Everything here is lowercase.
 * The name dictionaries themselves live in data/phi (see dictionaries.ts).
 */

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/));

export const MONTHS = set(`
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec`);

export const WEEKDAYS = set(`
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun`);

/** Capitalised words that are in the name lists but are almost never a person in a post. */
export const NOT_A_NAME = set(`
happy merry thanks thank welcome congrats congratulations hello hi hey dear love amazing awesome
bless blessed blessings cheers hooray wow oh yes no okay ok please join meet call book visit stay
remember learn follow share click tap swipe read watch get give take keep make try ask check
health care family valley clinic doctor nurse team staff office front desk patient patients
flu covid vaccine vaccines shot shots screening screenings walk run dash race fair market
christmas easter thanksgiving halloween hanukkah kwanzaa diwali ramadan eid passover new year
valentine valentines independence memorial labor veterans presidents mothers fathers
spring summer autumn fall winter season seasons morning evening night noon midnight today
tomorrow yesterday tonight week weekend month year day days north south east west central
street avenue road lane drive court parkway boulevard place way trail circle terrace highway
county city town village township heights park school middle high elementary academy college
university hospital center centre foundation institute library church chapel house home
american americans national international regional community public private general medical
primary urgent family free open closed hours holiday holidays emergency pediatric pediatrics
heart lung kidney liver brain bone skin blood sugar pressure cancer diabetes asthma allergy
mental wellness wellbeing fitness nutrition safety awareness prevention month day week
sunny sunshine joy grace hope faith charity glory honor liberty justice unity trinity
star sky rain storm snow frost dawn dusk river lake brook hill stone rock wood woods forest
rose lily daisy violet iris ivy holly hazel heather jasmine olive pearl ruby amber crystal jade
mark will bill grant chase hunter dean guy major rich frank earl baker king prince duke
chief judge bishop saint angel
she he her hers his him they them their theirs it its we us our ours you your yours my mine great`);

/** Titles that mark a name as a clinician or a public official, not a patient. */
export const PROVIDER_TITLES = set(`dr doctor doc nurse provider physician surgeon professor prof`);

/** Honorifics that make the following capitalised word a person's name. */
export const HONORIFICS = set(`mr mrs ms miss mx mister madam`);

/** Credentials after a name: a clinician (staff or not), not a patient. */
export const CREDENTIALS = set(`
md m.d do d.o np rn lpn lvn pa pa-c fnp fnp-c fnp-bc aprn cnm crna dnp phd pharmd rd rdn lcsw lpc
lmft msw cma ma dpt pt ot ots slp ccc-slp dds dmd od cna faafp facp facog faap mba mph bsn msn
ibclc cde cdces ccm rph mhs psyd mbbs do. jr sr ii iii iv esq`);

/** Words that, after a capitalised name, make it an organisation, place or event. */
export const ORG_HEADS = set(`
school schools elementary middle high academy college university institute hospital hospitals
clinic clinics center centre centers foundation fund society association house home homes
library park parks memorial church chapel cathedral temple synagogue mosque ministries
street st avenue ave road rd boulevard blvd drive lane ln court ct way parkway pkwy highway
hwy trail circle square plaza mall market markets store stores pharmacy pharmacies bank
company co corp corporation inc llc ltd group partners associates industries plastics
logistics tool die manufacturing motors insurance health healthcare medical medicine
care services service department dept office county city township village heights falls
springs river lake valley creek hill hills ridge point field fields stadium arena hall
building tower towers plaza center cancer children's childrens kids award awards
scholarship marathon 5k 10k run walk race classic festival fair day week month night
bowl cup league club team foods farm farms bakery cafe restaurant diner grill kitchen
theater theatre museum zoo garden gardens station airport ymca ywca apartments manor
estates commons village terrace residence residences place living rehab rehabilitation
nursing hospice gym elementary's disease syndrome palsy test maneuver law rule method
diet scale score criteria classification procedure technique`);

/** Named-residence heads: "Maple Grove Assisted Living", "Whispering Pines Care Center". */
export const RESIDENCE_HEAD =
  /\b(?:Senior Living|Assisted Living|Independent Living|Memory Care|Nursing (?:Home|Center|Facility)|Care Center|Care Home|Health Care Center|Healthcare Center|Rehab(?:ilitation)? Center|Retirement (?:Community|Home|Village|Center)|Skilled Nursing|Senior (?:Apartments|Center|Residences?)|Apartments|Manor|Estates|Towers|Commons|Residences?|Retirement|Group Home|Shelter|Hospice(?: House)?)\b/;

/** Eponyms: names that are part of the name of a condition, sign or test. */
export const EPONYMS = set(`
alzheimer alzheimer's alzheimers parkinson parkinson's parkinsons crohn crohn's hodgkin hodgkin's
down tourette tourette's asperger asperger's cushing cushing's graves graves' hashimoto
hashimoto's addison addison's bell bell's huntington huntington's raynaud raynaud's sjogren
sjögren kawasaki meniere ménière paget paget's wilson wilson's marfan ehlers danlos epstein barr
heimlich apgar pap braxton hicks gehrig gehrig's guillain barre barré osgood schlatter achilles
kegel lyme munchausen reye reye's rett turner klinefelter fallot bright's baker's tommy salk
sabin pasteur jenner fleming nightingale barton blackwell hippocrates hippocratic koch
medicare medicaid tricare`);

/** Famous people and organisations named after people that posts cite (lowercase, spaces). */
export const FAMOUS_NAMES: ReadonlySet<string> = new Set(
  `ronald mcdonald|st jude|johns hopkins|john hopkins|susan komen|susan g komen|michael j fox|martin luther king|lou gehrig|jonas salk|albert sabin|florence nightingale|clara barton|elizabeth blackwell|louis pasteur|edward jenner|alexander fleming|rosa parks|betty ford|dave thomas|bob evans|fred rogers|mister rogers|abraham lincoln|george washington|benjamin franklin|jim thorpe|jesse owens|babe ruth|serena williams|simone biles|michael phelps|magic johnson|arthur ashe|anthony fauci|vivek murthy|mehmet oz|barack obama|joe biden|donald trump|mike dewine|jimmy carter|bill gates|melinda gates|oprah winfrey|taylor swift|trader joe|mark twain|albert einstein|maya angelou|winston churchill|mahatma gandhi|mother teresa|fred rogers|dolly parton|michelle obama|eleanor roosevelt|theodore roosevelt|franklin roosevelt|john f kennedy|helen keller|marie curie|walt disney|dr seuss|ben franklin|steve jobs|nelson mandela`.split('|'),
);

/** Kin and household words: a relative of a patient. */
export const RELATION_NOUNS = set(`
mom mother mum mommy mama dad father daddy papa son sons daughter daughters wife husband spouse
partner fiance fiancee fiancé fiancée brother sister sibling siblings grandma grandmother
granny nana grandpa grandfather granddad grandson granddaughter grandkids grandchildren
grandbaby aunt uncle niece nephew cousin twin twins stepdaughter stepson stepmom stepdad
caregiver guardian boyfriend girlfriend baby newborn kiddo`);

/** Animals: a pet with a person's name is not a person. */
export const PET_WORDS =
  /\b(?:dog|dogs|puppy|pup|pups|pooch|doggo|canine|cat|cats|kitten|kitty|feline|retriever|labrador|lab|poodle|beagle|terrier|shepherd|collie|spaniel|bulldog|corgi|dachshund|husky|greyhound|hound|pet|pets|parrot|hamster|bunny|rabbit|horse|pony|mascot|therapy animal|goldfish|fish tank)\b/i;

/** Sentences that state general facts or advice rather than narrate a case. */
export const GENERIC_SENTENCE_RE =
  /\b(?:if(?! (?:you know|you see|you recognize|you spot|you saw|this is you|that was you|this was you|it's yours|it’s yours|that's you|that’s you))|whether|unless|whenever|when you|(?:anyone|anybody|everyone|everybody)\s+(?:with|over|under|can|should|needs?|must|aged?|ages|older|younger|at risk)|whoever|(?:many|most|several|some|all|few|lots|plenty|millions|thousands)(?: of)? (?:of (?:you|us|them|our)|people|patients|parents|adults|kids|children|families|folks|americans|ohioans|women|men|seniors|teens|moms|dads|babies|infants|older adults|smokers|diabetics|clinicians|practices|doctors|cases)|most (?:healthy|adults|people|kids)|every (?:patient|person|one|parent|child|kid|adult|family|mom|dad|baby)|any (?:patient|person|child|adult|one|age)|should|can(?![\'\u2019]t)|might|must|tips?|remember|did you know|fun fact|reminder|guidelines?|recommend(?:s|ed|ation|ations)?|questions? we (?:hear|get)|we (?:often|usually|frequently) (?:hear|see|get)|(?:often|usually|typically|generally|commonly) (?:ask|see|hear|get)|on average|per year|each year|per day|statistics?|studies|research shows|\d+ in \d+)\b|(?<!\d)\d+(?:\.\d+)?%/i;

/** Clinical or life events that make a narrated sentence a patient's case. */
export const HEALTH_EVENT_RE =
  /\b(?:diagnos(?:ed|is|es)|surger(?:y|ies)|operation|chemo(?:therapy)?|radiation|cancer|leukemia|lymphoma|tumou?r|diabetes|diabetic|insulin|a1c|glucose|blood pressure|hypertension|stroke|heart attack|cardiac|cath lab|stents?|arrhythmia|pacemaker|afib|broke|broken|fractur(?:e|ed)|sprain(?:ed)?|cast|stitches|concussion|er\b|emergency room|urgent care|icu|nicu|ccu|picu|hospital(?:ized)?|admitted|discharged|passed away|died|death|funeral|hospice|remission|rehab|physical therapy|\bpt\b|dialysis|transplant|pregnan(?:t|cy)|deliver(?:ed|y)|gave birth|labou?r|born|c-section|mastectomy|lumpectomy|hip|knee|replacement|infusion|mri|ct scan|x-?ray|ecg|ekg|biopsy|results|labs?|bloodwork|platelets?|rash|fever|pain|symptoms?|asthma|inhaler|copd|oxygen|ventilator|extubated|intubated|breathing|seizures?|epilepsy|migraines?|thyroid|anemia|infection|pneumonia|covid|flu|sepsis|overdose|sober|sobriety|smoke-free|quit smoking|recovery|recovering|recovered|treatment|treated|medications?|meds|prescription|refill|follow-up|checkup|check-up|appointment|visit|came in|walked in|brought (?:him|her|them|in)|swallowed|fell|fall|injur(?:y|ed|ies)|wound|burns?|bitten|allerg(?:y|ic)|anaphyla\w*|epipen|pounds|weight|lost \d+|wheelchair|walker|crutches|therapy|counseling|depression|anxiety|autism|adhd|dementia|alzheimer'?s?|parkinson'?s?|ms\b|als\b|kidney|liver|lung|heart|neuropathy|ketoacidosis|dka|blood sugar|cholesterol|ostomy|amputation|cpr|ambulance|squad|911|code blue|bell|ringing the bell|last round|milestone|cleared(?!\s+(?:paths?|sidewalks?|roads?|streets?|walkways?|driveways?|snow|ice))|sick|ill(?:ness)?|healed|healing|ulcer|strep|baby\b[^.!?]{0,20}\barrived|rsv|croup|bronchiolitis|appendicitis|appendix|gallbladder|norovirus|stomach bug|dehydrat\w*|ear infection|nights? (?:in|at) (?:the )?[A-Z]?\w+|brought (?:his|her|their) \w+ in|wheez\w*|booster|vaccin\w*|shots?|bypass|heartburn|ecg|stents?|colonoscopy|mammogram|crohn'?s|biologic|telehealth|seizures?|wound|crash|accident|hit by|concussion|stitches|surgeon|clinic|doctor|nurse|ambulance|ems|paramedics?|brings? (?:him|her|them) in|comes in|came in|cared for|lost (?:a|our|one of our) patients?|acl|mcl|tendon|ligament|repair|cane|oxygen tank|dialysis|walker|sling|crutches)\b/i;

/** Past-tense / narrative signals. */
export const NARRATIVE_RE =
  /\b(?:yesterday|today|tonight|this (?:morning|afternoon|evening|week|weekend|month)|last (?:night|week|weekend|month|year|spring|summer|fall|winter|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|earlier (?:today|this week)|ago|was|were|had|did|came|went|got|brought|walked|ran|spent|lost|found|caught|saw|told|said|asked|called|turned|broke|fell|passed|died|left|made|took|gave|became|finished|completed|rang|returned|arrived|started|began|needed|wanted|couldn't|could not|wasn't|hasn't|hadn't|has been|have been|is recovering|is now|is back|are back|now|finally|just|\w{3,}ed|(?:is|are|'s|’s) (?:\w+ )?\w{3,}ing|who(?:se)? (?:\w+ ){0,3}(?:he|she|his|her))\b/i;

/** Words that make a sentence about the practice's own staff. */
export const STAFF_CUE_RE =
  /\b(?:our (?:own |new |newest |longtime |wonderful |amazing |fantastic )?(?:team|staff|nurses?|nursing team|doctors?|physicians?|providers?|clinicians?|front desk(?: team| staff)?|receptionists?|office manager|practice manager|billing (?:lead|team|specialist|office)|lab tech|medical assistants?|mas|care coordinator|care manager|scheduler|np|pa|rn|md|colleagues?|coworkers?|employees?|it contractor)|joins? (?:our|the) (?:team|practice|staff)|joined (?:our|the) (?:team|practice|staff)|welcome (?:dr|to the team)|new hire|newest member|member of our (?:team|staff|nursing team)|work anniversary|years (?:with us|at cedar|here)|employee of the month|staff appreciation|retir(?:es|ing|ement)|residency|fellowship|board[- ]certified|medical director|team photo|meet the team|headshot)\b/i;

/** Event / schedule framing: dates and places of events, not of a person's care. */
export const EVENT_CUE_RE =
  /\b(?:join us|come (?:by|see us|visit)|stop by|event|events|fair|festival|clinic runs|walk-in|walk in clinic|open house|registration|register|sign up|rsvp|tickets?|booth|closed|close|closing|reopen|open|hours|schedule|calendar|deadline|starts?|starting|begins?|through|until|enrollment|webinar|workshop|class|classes|seminar|talk|lecture|drive|market|5k|10k|race|marathon|parade|game|tournament|observance|awareness (?:day|week|month)|holiday|season|where:|when:|location:|held at|hosted at|hosting)\b/i;

export const US_STATES = set(`
alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii
idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan
minnesota mississippi missouri montana nebraska nevada hampshire jersey mexico york carolina
dakota ohio oklahoma oregon pennsylvania rhode tennessee texas utah vermont virginia washington
wisconsin wyoming`);

export const STATE_ABBREVIATIONS = set(`
AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY
NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR`.toLowerCase());

/** Larger-than-a-state places: not identifiers under Safe Harbor. */
export const BIG_PLACES = set(`
america usa us united states canada mexico europe asia africa australia england britain uk
scotland ireland wales france germany italy spain portugal india china japan korea vietnam
philippines brazil russia ukraine poland israel egypt nigeria kenya ghana somalia ethiopia
midwest south north east west northeast southeast southwest northwest world earth`);

/** Local suffixes that make a capitalised word a sub-state place. */
export const PLACE_SUFFIX_RE =
  /^(?:County|Township|Twp|Heights|Springs|Falls|Village|City|Borough|Parish)$/;

/** Illness, injury and treatment words: a named person with one of these is a patient. */
export const STRONG_HEALTH_RE =
  /\b(?:diagnos(?:ed|is)|surger(?:y|ies)|chemo(?:therapy)?|radiation|cancer|leukemia|lymphoma|tumou?r|stroke|heart attack|stents?|broke|broken|fractur(?:e|ed)|cast|stitches|concussion|icu|nicu|ccu|picu|hospitali[sz]ed|in the hospital|admitted|discharged|passed away|remission|rehab|dialysis|transplant|mastectomy|replacement|infusion|biopsy|seizures?|overdose|sober|sobriety|smoke-free|amputation|wheelchair|crutches|acl|ventilator|intubated|extubated|hospice|pneumonia|sepsis|recovering|recovery|new (?:hip|knee|heart|kidney|liver)|insulin pump|cgm|diabetic|diabetes|asthma attack|allergic reaction|anaphyla\w*)\b/i;

/** Broader: a patient's condition or care, for stories in a post already about a patient. */
export const CASE_HEALTH_RE = new RegExp(
  `${STRONG_HEALTH_RE.source}|\\b(?:inhaler|walker|cane|hospital|emergency room|burn unit|pregnan(?:t|cy)|expecting|preemie|premature|miscarriage|labou?r|delivered|delivering|newborn|bypass|lupus|sickle[- ]cell|pump|wound|ulcer|mri|ct scan|x-?ray|results|bloodwork|labs|biopsy|colonoscopy|mammogram|physical therapy|cardiac|hip|knee|shoulder|spinal|fusion|gastric|hurt|hurts|pain|injur(?:y|ed|ies)|sick|seizure|fall|fell|hospice|smoke-free|sober|pounds|weight|blood pressure|a1c|insulin|medication|meds|prescription|treatment|therapy|stitches|shots?|vaccin\\w*|booster)\\b`,
  'i',
);
