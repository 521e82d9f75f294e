### oauthclient: Arabic catalog (reference: en.ftl; same ids, attributes and variables). Right-to-left.
### Terms: تسجيل الدخول (sign in), تسجيل الخروج (sign out), إنشاء حساب (sign up), ربط (connect),
### إلغاء الربط (disconnect), الحسابات المرتبطة (linked accounts), عنوان البريد الإلكتروني,
### رابط التأكيد. Plurals: zero, one, two, few, many, other. Counts of characters are written
### as "الحد الأقصى لعدد الأحرف: { $max }" so that no number agreement is needed.

## Shared words

locale-name = العربية
page-title-default = الحسابات
common-back = رجوع
common-cancel = إلغاء
common-list-separator = {"، "}

## The connect page: linking a provider while signed in (connect.html)

login-connect-title = ربط { $provider }
login-connect-heading = هل تريد ربط { $provider }؟
login-connect-explanation = أنت مسجّل الدخول. إذا تابعت، فسيُربط حساب { $provider } الذي تسجّل الدخول به بهذا الحساب.
login-connect-submit = ربط { $provider }

## Linked accounts (linkedaccounts.html)

linked-accounts-title = الحسابات المرتبطة
linked-accounts-intro = اربط حسابك بهذه الخدمات لتتمكن من تسجيل الدخول بها.
linked-accounts-connect = ربط
linked-accounts-disconnect = إلغاء الربط
linked-accounts-reconnect = إعادة الربط
linked-accounts-reconnect-hint = انتهت صلاحية التفويض المحفوظ: سجّل الدخول باستخدام { $provider } مرة أخرى
linked-accounts-sign-out-everywhere = تسجيل الخروج من كل الأجهزة
linked-accounts-sign-out-everywhere-hint = إنهاء كل جلسات حسابك على كل الأجهزة، بما فيها هذا الجهاز

## Disconnecting a provider (disconnect.html)

disconnect-title = إلغاء ربط { $provider }
disconnect-heading = هل تريد إلغاء ربط { $provider }؟
disconnect-explanation = لن تتمكن بعد الآن من تسجيل الدخول باستخدام { $provider }، وسنحذف صلاحية الوصول التي مُنحت لنا.
disconnect-submit = إلغاء الربط

## Signing out (logout.html)

logout-title = تسجيل الخروج
logout-heading = هل تريد تسجيل الخروج؟
logout-submit = تسجيل الخروج

## Sign-up step: the provider gave no usable e-mail address (signup.html)

signup-title = إنشاء حساب باستخدام { $provider }
signup-intro = لم يزوّدنا { $provider } بعنوان بريد إلكتروني يمكننا استخدامه. يُرجى إدخال عنوان لإكمال إنشاء حسابك.
signup-email-label = عنوان البريد الإلكتروني
signup-full-name-label = الاسم الكامل
signup-submit = إنشاء حساب

## Sign-up form errors (shown beside the field)

signup-error-email-missing = يُرجى إدخال عنوان بريدك الإلكتروني.
signup-error-email-invalid = يُرجى إدخال عنوان بريد إلكتروني صالح.
signup-error-email-domain = نطاق عنوان البريد الإلكتروني هذا غير صالح بالصيغة المكتوبة (تحقّق من عدم وجود أحرف متشابهة الشكل أو أحرف كاملة العرض).
signup-error-email-registered = عنوان البريد الإلكتروني هذا مسجّل بالفعل. سجّل الدخول به أولًا، ثم اربط حسابك.
signup-error-email-taken = عنوان البريد الإلكتروني هذا مسجّل بالفعل.
signup-error-username-taken = اسم المستخدم هذا مستخدم بالفعل.
signup-error-unconfirmed-claim-first = يوجد حساب بعنوان البريد الإلكتروني هذا لكنه لم يُؤكَّد قط: سجّل الدخول إليه واربطه، أو تابع بحساب جديد.

## "Is this your account?": an unconfirmed account claims the address (unconfirmed_claim.html)

unconfirmed-claim-title = هل هذا حسابك؟
unconfirmed-claim-intro = يوجد هنا حساب بالعنوان { $email }، لكن هذا العنوان لم يُؤكَّد قط.
unconfirmed-claim-mine-heading = إنه حسابي
unconfirmed-claim-mine-explanation = سجّل الدخول إلى ذلك الحساب (بكلمة مروره)، ثم اربط { $provider } به: وسيؤكّد { $provider } العنوان نيابةً عنك.
unconfirmed-claim-mine-sign-in = تسجيل الدخول إلى حسابي
unconfirmed-claim-mine-no-login = سجّل الدخول إليه، ثم اربط { $provider } من صفحة الحسابات المرتبطة.
unconfirmed-claim-not-mine-heading = ليس حسابي
unconfirmed-claim-not-mine-explanation = تابع بحساب جديد خاص بك لـ { $email }، مع تسجيل الدخول باستخدام { $provider }. يفقد الحساب الآخر مطالبته غير المؤكدة بالعنوان؛ لكنه يحتفظ بكلمة مروره ويُبلَّغ بذلك عند تسجيل دخوله التالي.
unconfirmed-claim-not-mine-submit = المتابعة بحساب جديد

## Following a confirmation link (confirm_email.html)

confirm-email-title = تأكيد عنوان بريد إلكتروني
confirm-email-intro = يؤكّد هذا الرابط العنوان { $email } لهذا الحساب:
confirm-email-account-username = اسم المستخدم
confirm-email-account-name = الاسم
confirm-email-account-created = تاريخ الإنشاء
confirm-email-account-signs-in-with = طريقة تسجيل الدخول
confirm-email-account-password-only = كلمة مرور فقط
confirm-email-not-yours-warning = إذا لم تكن أنت من أنشأ هذا الحساب، فلا تؤكّده:
confirm-email-not-yours-explanation = تجاهل هذا الرابط والرسالة التي وصل فيها. ربما كتب أحدهم عنوانك عن طريق الخطأ (أو عن قصد)؛ ولن يحدث شيء دون صاحب الحساب.
confirm-email-submit-signed-in = تأكيد { $email } لحسابي
confirm-email-other-account = أنت مسجّل الدخول إلى حساب آخر: هذا الرابط ليس له.
confirm-email-holder-only = لا يمكن تأكيد عنوان هذا الحساب إلا لصاحبه.
confirm-email-password-label = كلمة مرور هذا الحساب
confirm-email-submit-password = تأكيد { $email }
confirm-email-or-sign-in-with = أو سجّل الدخول إليه باستخدام { $providers }، ثم أكّد.
confirm-email-sign-in-then-confirm = { $link }، ثم أكّد.
    .link = سجّل الدخول إلى هذا الحساب

## "Check your inbox" (confirmation_sent.html)

confirmation-sent-title = تحقّق من بريدك الوارد
confirmation-sent-created = تم إنشاء حسابك. افتح الرابط الذي أرسلناه إلى عنوان بريدك الإلكتروني لتأكيده، ثم سجّل الدخول.
confirmation-sent-created-mail-failed = تم إنشاء حسابك، لكن تعذّر إرسال رسالة التأكيد الآن. اطلب رابطًا جديدًا أدناه بعد قليل.
confirmation-sent-resent = إذا كان هناك حساب بهذا العنوان في انتظار التأكيد، فإن رابطًا جديدًا في طريقه إليه.
confirmation-sent-resend-label = لم يصلك؟ أرسل رابطًا جديدًا إلى
confirmation-sent-resend-submit = إرسال رابط جديد

## E-mail settings (email_settings.html)

email-settings-title = عنوان البريد الإلكتروني
email-settings-ended-claim = لم يعد العنوان { $email } مرتبطًا بحسابك: فهو لم يُؤكَّد قط، وقد أكّده حساب آخر (أو انتهت مهلة تأكيده). عيّن أدناه عنوانًا يمكنك تأكيده.
email-settings-current = عنوانك: { $email }
email-settings-confirmed = (مؤكَّد)
email-settings-unconfirmed = (غير مؤكَّد)
email-settings-resend-submit = إرسال رابط تأكيد جديد
email-settings-no-address = لا يوجد عنوان بريد إلكتروني في حسابك: فقد أثبت مالك العنوان أنه يخصّه. يُرجى تعيين عنوان آخر.
email-settings-new-label = عنوان البريد الإلكتروني الجديد
email-settings-change-submit = تغيير العنوان

## One-time messages shown on the next page (flashes)

flash-linked = تم ربط حسابك على { $provider }.
flash-disconnected = تم إلغاء ربط حسابك على { $provider }.
flash-email-confirmed = تم تأكيد عنوان بريدك الإلكتروني { $email }.
flash-confirmation-sent = أرسلنا رابط تأكيد إلى { $email }.
flash-confirmation-resent = أرسلنا رابطًا جديدًا إلى { $email }.
flash-already-confirmed = عنوانك مؤكَّد بالفعل.
flash-resend-cooldown = أُرسل رابط قبل لحظات؛ يُرجى الانتظار قبل طلب رابط آخر.
flash-email-changed = تم تغيير عنوان بريدك الإلكتروني.
flash-email-changed-mail-failed = تم تغيير عنوانك، لكن تعذّر إرسال رسالة التأكيد الآن. اطلب رابطًا جديدًا بعد قليل.
flash-signup-mail-failed = تم إنشاء حسابك، لكن تعذّر إرسال رسالة التأكيد. اطلب رابطًا جديدًا من إعدادات البريد الإلكتروني.
flash-signed-out-everywhere = تم تسجيل خروجك من كل الأجهزة.
flash-ended-claim = لم يعد العنوان { $email } مرتبطًا بحسابك: فهو لم يُؤكَّد قط، وقد أكّده حساب آخر (أو انتهت مهلة تأكيده). عيّن عنوانًا جديدًا في إعدادات البريد الإلكتروني.

## Error pages: headings and messages by kind of failure (error.html)

error-forbidden-heading = تم رفض الطلب
error-forbidden = تعذّر التحقق من طلب تسجيل الدخول هذا (ربما انتهت صلاحيته أو استُخدم من قبل). يُرجى البدء من جديد.
error-not-found-heading = غير موجود
error-not-found = لا توجد طريقة تسجيل دخول كهذه.
error-bad-gateway-heading = فشل تسجيل الدخول
error-bad-gateway = لم يستجب { $provider } كما هو متوقع. لم يتغيّر شيء؛ يُرجى المحاولة مرة أخرى لاحقًا.
error-unavailable-heading = غير متاح مؤقتًا
error-unavailable = الخدمة غير متاحة مؤقتًا. يُرجى المحاولة مرة أخرى بعد قليل.
error-misconfigured-heading = تسجيل الدخول غير متاح
error-misconfigured = طريقة تسجيل الدخول هذه غير مُعدّة بشكل صحيح. تم إبلاغ المسؤولين.
error-conflict-heading = الحساب موجود بالفعل
error-refused-heading = غير مسموح
error-bad-request-heading = لم تنجح العملية
error-malformed-request = تعذّرت قراءة الطلب.
error-request-too-large = الطلب كبير جدًا.
error-rate-limited-heading = محاولات كثيرة جدًا
error-rate-limited = محاولات تسجيل دخول كثيرة جدًا. يُرجى الانتظار قليلًا ثم المحاولة مرة أخرى.
error-sign-in-required-heading = يلزم تسجيل الدخول
error-sign-in-required = يُرجى تسجيل الدخول لإدارة حساباتك المرتبطة.
error-sign-in-link = تسجيل الدخول
error-resend-label = أرسل رابط تأكيد جديدًا إلى
error-resend-submit = إرسال
error-render-failed-title = خطأ
error-render-failed = تعذّر عرض هذه الصفحة.
error-conflict = يتعارض هذا مع حساب آخر. لم يتغيّر شيء.
error-csrf-header = الترويسة X-CSRF-Token مفقودة أو غير صحيحة.
error-origin-not-allowed = الطلبات من هذا المصدر غير مسموح بها.
error-invalid-state = المعامل state غير صالح.

## Why a sign-in, link or confirmation ended (one per kind of error)

error-rejected = لقد رفضت طلب المصادقة.
error-provider = أبلغ { $provider } عن خطأ ({ $code }). يُرجى المحاولة مرة أخرى.
error-unknown-app = لا توجد طريقة تسجيل دخول باسم «{ $app }».
error-already-linked = الخدمة الخارجية مرتبطة بالفعل بحساب آخر.
error-link-only = لا يمكن ربط { $provider } إلا بحساب موجود. يُرجى تسجيل الدخول أولًا.
error-account-disabled = هذا الحساب معطّل.
error-not-linked = لا يوجد حساب { $provider } مرتبط.
error-reconnect-required = يلزم إعادة ربط حسابك على { $provider }.
error-no-signup-in-progress = لا توجد عملية إنشاء حساب جارية باستخدام { $provider }. يُرجى تسجيل الدخول مرة أخرى.
error-last-login-method = { $provider } هو طريقتك الوحيدة لتسجيل الدخول. عيّن كلمة مرور أو اربط حسابًا آخر أولًا.
error-email-in-use = يوجد بالفعل حساب بعنوان البريد الإلكتروني هذا. سجّل الدخول إليه أولًا، ثم اربط { $provider } من صفحة الحسابات المرتبطة.
error-signup-closed = إنشاء الحسابات مغلق: لا يمكن إنشاء حسابات جديدة. إذا كان لديك حساب بالفعل، فسجّل الدخول إليه.
error-not-in-allowed-group = حسابك ليس عضوًا في أي مجموعة مسموح بها هنا.
error-email-unconfirmed = يُرجى تأكيد عنوان بريدك الإلكتروني أولًا: افتح الرابط الذي أرسلناه إليك، أو اطلب رابطًا جديدًا.
error-mail-unavailable = تعذّر إرسال رسالة التأكيد الآن. يُرجى المحاولة مرة أخرى لاحقًا.
error-login-option = تم رفض طلب تسجيل الدخول هذا: { $reason }.
error-confirmation-invalid = رابط التأكيد هذا غير صالح.
error-confirmation-expired = انتهت صلاحية رابط التأكيد هذا. اطلب رابطًا جديدًا.
error-confirmation-used = استُخدم رابط التأكيد هذا من قبل.
error-confirmation-other-address = أُرسل رابط التأكيد هذا إلى عنوان غير عنوانك الحالي.
error-confirmation-not-holder = لا يمكن تأكيد عنوان هذا الحساب إلا لصاحبه: سجّل الدخول إليه، أو أدخل كلمة مروره.
error-confirmation-held-by-another = أكّد حساب آخر هذا العنوان أولًا.

## Per-login options a request may carry (prompt, login_hint, max_age, acr_values, scope,
## remember). $option is the option's name as sent (e.g. max_age): do not translate it.

login-option-not-allowed = الخيار `{ $option }` غير مسموح به لطريقة تسجيل الدخول هذه
login-option-scope-not-allowed = لا يجوز أن يطلب الخيار `scope` القيمة `{ $scope }` لطريقة تسجيل الدخول هذه
login-option-invalid = قيمة `{ $option }` غير صالحة: { $reason }
login-option-repeated = أُعطي الخيار `{ $option }` أكثر من مرة
login-option-reason-prompt-values = استخدم none أو login أو consent أو select_account، مفصولة بمسافات
login-option-reason-prompt-repeated = هناك قيمة مكرّرة
login-option-reason-prompt-none-alone = لا يمكن الجمع بين `none` وقيم أخرى
login-option-reason-login-hint = بلا أحرف تحكّم، والحد الأقصى لعدد الأحرف: { $max }
login-option-reason-max-age = استخدم عددًا صحيحًا من الثواني بين 0 و{ $max }
login-option-reason-acr-values = استخدم قيمًا قابلة للطباعة مفصولة بمسافات، والحد الأقصى لعدد الأحرف: { $max }
login-option-reason-scope-empty = حدّد نطاقًا (scope) واحدًا على الأقل
login-option-reason-remember = استخدم 1 أو 0

## JSON API messages (beside a stable machine "code")

api-sign-in-required = يلزم تسجيل الدخول.
api-disconnected = تم إلغاء الربط بنجاح.
api-signed-up = تم إنشاء الحساب بنجاح.
api-confirmation-required = تم إنشاء الحساب. أكّد عنوان البريد الإلكتروني عبر الرابط الذي أرسلناه، ثم سجّل الدخول.
api-invalid-form = يُرجى تصحيح النموذج.
api-error-bad-gateway = لم يستجب { $provider } كما هو متوقع.
api-error-unavailable = الخدمة غير متاحة مؤقتًا.
api-error-misconfigured = طريقة تسجيل الدخول هذه غير مُعدّة بشكل صحيح.

## A REST app's flow result, sent to it as ?message=

rest-authorized = تم التفويض بنجاح.
rest-signup-required = يلزم مزيد من المعلومات لإنشاء الحساب.
rest-unconfirmed-claim = يوجد حساب بعنوان البريد الإلكتروني هذا لكنه لم يُؤكَّد قط: إذا كان حسابك، فسجّل الدخول إليه واربط مرة أخرى؛ وإلا فتابع.

## The confirmation mail (email/confirm_subject.txt, confirm.txt, confirm.html)

email-confirm-subject = أكّد عنوان بريدك الإلكتروني
email-confirm-greeting = مرحبًا،
email-confirm-intro = أنشأ شخص ما حسابًا أو عدّله على { $site } بعنوان البريد الإلكتروني هذا: { $email }.
email-confirm-account-username = اسم المستخدم: { $username }
email-confirm-account-created = تاريخ الإنشاء: { $date }
email-confirm-instructions-text = إذا كان هذا الحساب لك، فأكّد العنوان بفتح هذا الرابط (سيُطلب منك تسجيل الدخول إلى الحساب أو إدخال كلمة مروره):
email-confirm-instructions-html = إذا كان هذا الحساب لك، فأكّد العنوان (سيُطلب منك تسجيل الدخول إلى الحساب أو إدخال كلمة مروره):
email-confirm-link-label = تأكيد عنوان البريد الإلكتروني لحسابي
email-confirm-expiry =
    { $hours ->
        [zero] يعمل الرابط مرة واحدة وتنتهي صلاحيته بعد { $hours } ساعة.
        [one] يعمل الرابط مرة واحدة وتنتهي صلاحيته بعد ساعة واحدة.
        [two] يعمل الرابط مرة واحدة وتنتهي صلاحيته بعد ساعتين.
        [few] يعمل الرابط مرة واحدة وتنتهي صلاحيته بعد { $hours } ساعات.
        [many] يعمل الرابط مرة واحدة وتنتهي صلاحيته بعد { $hours } ساعة.
       *[other] يعمل الرابط مرة واحدة وتنتهي صلاحيته بعد { $hours } ساعة.
    }
email-confirm-not-yours-warning = إذا لم تكن أنت من أنشأ هذا الحساب، فتجاهل هذه الرسالة ولا تؤكّد:
email-confirm-not-yours-explanation = يبقى العنوان لك، ولن يحدث شيء دون الرابط وكلمة مرور الحساب.
