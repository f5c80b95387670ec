package corpus

// vocabulary is the prose the synthetic policies are written in: the nouns,
// verbs and connectives of real privacy policies and terms, so that word
// lengths, repetition and diffs behave like those of real legal text.
const vocabulary = `
a about above access accordance account accounts accountant accuracy accurate
act action activities additional address addresses adequacy administrative
advertising affected affiliates after agree agreement aggregated all allow
also amount an analyse analytics and annual anonymised any appeal applicable
application apply appointed appropriate approve archive are article as assess
assist at audit authentication authority automated available backup backups
balance bank based basis be because before behalf being believe benefit between
billing breach browser business but by can cannot card carefully case categories
certain change changes choice choose circumstances claim claims clarify clear
client close collect collected collection combine commercial commission
communications company comparable complaint complete compliance comply concern
conditions conduct confidential confidentiality connection consent consider
contact contain content continue contract contractual control controller
cookies copy corporate correct cost could countries country court create
credentials criminal customer customers damage data database date day days
deadline decide decision defend define delete deleted deletion deliver
department describe described design detect determine device devices different
directly disclose disclosure dispute do document does domain duration during
duty each effect effective electronic eligible email employee employees enable
encrypted encryption end enforce ensure enter entitled entity equivalent erase
error establish establishment evaluate event every evidence example except
exercise expect explain export express extent external fair features fee fees
file financial first follow following for form former fraud free from full
further general given global goods govern governing grant group guarantee
handle have health help hold however identify identity if immediately impact
important improve in incident include including independent individual inform
information infrastructure initial instructions integrity intended interest
interests internal international into investigate invoice invoices involve is
issue it its jurisdiction keep kept know law lawful laws legal legitimate less
liability licence limit limited link list local location log logs longer made
maintain make manage mandatory marketing material may means measures member
messages method minimum minors modify monitor month months more must name
names national necessary need network new newsletter no not note notice notify
number object objection obligation obligations obtain occur of offer office
on once only operate operations opt or order organisation organisational other
our out outside over own owner part parties party password payment payments
people per performance period permanent permission person personal phone place
plan platform please policy portability possible practices prepare prevent
previous principles privacy process processed processing processor processors
product products profile profiling prohibited promptly proof protect protection
provide provided provider providers provision public purpose purposes quality
question questions reasonable reasons receive recipients record records rectify
reduce refer regarding register regulation regulations regulatory relate
relevant rely remain remove renew report request requests require required
requirements reserve resolve respect respond responsible restrict restriction
result retain retention review right rights risk risks role rules safeguard
safeguards sale scope secure security select send sensitive separate server
servers service services session set share shared should sign significant
similar since site software sole special specific staff standard standards
statement statistics status storage store stored subject submit subscription
such suitable supervisory supplier suppliers support suspend system systems
take technical technology term terminate termination terms territory than that
the their them then there these they third this those through time timely to
tools track traffic transaction transactions transfer transfers transparent
treat trust under understand unless until update updated upon us usage use used
user users using valid verify version via violation visit visitors we website
when where whether which while who will with withdraw within without write
written year years you your
`

// accentWords bring non-ASCII letters into headings, so the heading id rule
// (transliteration, Unicode letters) is exercised in every language.
const accentWords = `
översikt åtgärder för personuppgifter behörighet rättigheter lagringstid
säkerhet överföring måste tillgång ändringar
Übermittlung für Löschung Datenschutzerklärung Empfänger Zuständigkeit Rechtmäßigkeit
données sécurité accès durée responsabilité modifications traitement
tietosuoja käsittely henkilötiedot säilytys
behandlingsgrundlag overførsel sletning indsigelse
privacidad información protección
`
