"""The words of the built pages' own interface (buttons, notices), per language.

Lessons and questions come from the source in its language; only these few interface words are
the builder's. A language without a table here gets the English words.
"""
from __future__ import annotations

INTERFACE_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "skip": "Skip to content",
        "lesson_position": "Lesson {n} of {total}",
        "end_title": "End of the lesson",
        "end_text": "You have reached the end of this lesson.",
        "complete": "Mark as complete and continue",
        "completed": "Lesson completed. Continue with the next part of the course.",
        "completed_use_next": "Lesson completed. Go on to the next part with the learning "
                              "platform's own \"Next\" button.",
        "no_lms": "No learning platform was found: you can read and practise, "
                  "but your progress will not be recorded.",
        "lms_error": "The learning platform did not accept the last update: your progress "
                     "may not be recorded. Keep this page open and inform your coordinator.",
        "lms_refused": "The learning platform refused to start this part (error {code}): your "
                       "progress is not being recorded. Leave the activity and open it again; if "
                       "this keeps happening, tell your training coordinator.",
        "part_position": "Part {n} of {total}",
        "contents": "Contents",
        "pages": "Previous and next part",
        "previous": "Previous",
        "next": "Next",
        "done_mark": "done",
        "lesson_done": "Lesson completed.",
        "finish_lessons": "To complete the module, also finish: {lessons}.",
        "module_done": "You have completed the module.",
        "resumed": "Welcome back: you are where you left off.",
        "question": "Question {n}",
        "point_one": "1 point",
        "point_many": "{n} points",
        "true": "True",
        "false": "False",
        "your_answer": "Your answer",
        "choose": "Choose…",
        "submit": "Submit answers",
        "retry": "Try again",
        "unanswered": "Please answer every question ({n} left).",
        "not_a_number": "Please enter a number.",
        "correct": "Correct.",
        "incorrect": "Incorrect.",
        "score": "Your score: {score}%.",
        "passed": "You passed (pass mark: {mastery}%).",
        "failed": "You did not pass (pass mark: {mastery}%). Review the lessons and try again.",
        "self_check_done": "Self-check finished: compare your answers with the feedback.",
        "list_separator": ", ",
    },
    "fr": {
        "skip": "Aller au contenu",
        "lesson_position": "Leçon {n} sur {total}",
        "end_title": "Fin de la leçon",
        "end_text": "Vous êtes arrivé à la fin de cette leçon.",
        "complete": "Marquer comme terminée et continuer",
        "completed": "Leçon terminée. Poursuivez avec la partie suivante du cours.",
        "completed_use_next": "Leçon terminée. Passez à la partie suivante avec le bouton "
                              "« Suivant » de la plateforme de formation.",
        "no_lms": "Aucune plateforme de formation n'a été trouvée : vous pouvez lire et "
                  "vous exercer, mais votre progression ne sera pas enregistrée.",
        "lms_error": "La plateforme de formation n'a pas accepté la dernière mise à jour : votre "
                     "progression risque de ne pas être enregistrée. Gardez cette page ouverte et "
                     "prévenez votre coordinateur.",
        "lms_refused": "La plateforme de formation a refusé de démarrer cette partie (erreur "
                       "{code}) : votre progression n'est pas enregistrée. Quittez l'activité et "
                       "rouvrez-la ; si le problème persiste, prévenez votre coordinateur de "
                       "formation.",
        "part_position": "Partie {n} sur {total}",
        "contents": "Sommaire",
        "pages": "Partie précédente et suivante",
        "previous": "Précédent",
        "next": "Suivant",
        "done_mark": "terminée",
        "lesson_done": "Leçon terminée.",
        "finish_lessons": "Pour terminer le module, terminez aussi : {lessons}.",
        "module_done": "Vous avez terminé le module.",
        "resumed": "Bon retour : vous reprenez là où vous vous étiez arrêté.",
        "question": "Question {n}",
        "point_one": "1 point",
        "point_many": "{n} points",
        "true": "Vrai",
        "false": "Faux",
        "your_answer": "Votre réponse",
        "choose": "Choisir…",
        "submit": "Valider les réponses",
        "retry": "Recommencer",
        "unanswered": "Veuillez répondre à toutes les questions (encore {n}).",
        "not_a_number": "Veuillez saisir un nombre.",
        "correct": "Bonne réponse.",
        "incorrect": "Mauvaise réponse.",
        "score": "Votre score : {score} %.",
        "passed": "Vous avez réussi (seuil de réussite : {mastery} %).",
        "failed": "Vous n'avez pas réussi (seuil de réussite : {mastery} %). Relisez les leçons "
                  "et recommencez.",
        "self_check_done": "Auto-évaluation terminée : comparez vos réponses avec les commentaires.",
        "list_separator": ", ",
    },
    "es": {
        "skip": "Ir al contenido",
        "lesson_position": "Lección {n} de {total}",
        "end_title": "Fin de la lección",
        "end_text": "Ha llegado al final de esta lección.",
        "complete": "Marcar como terminada y continuar",
        "completed": "Lección terminada. Continúe con la siguiente parte del curso.",
        "completed_use_next": "Lección terminada. Pase a la parte siguiente con el botón "
                              "«Siguiente» de la plataforma de formación.",
        "no_lms": "No se encontró ninguna plataforma de formación: puede leer y practicar, "
                  "pero su progreso no se registrará.",
        "lms_error": "La plataforma de formación no aceptó la última actualización: es posible "
                     "que su progreso no se registre. Mantenga esta página abierta e informe a "
                     "su coordinador.",
        "lms_refused": "La plataforma de formación se negó a iniciar esta parte (error {code}): "
                       "su progreso no se está registrando. Salga de la actividad y ábrala de "
                       "nuevo; si el problema continúa, avise a su coordinador de formación.",
        "part_position": "Parte {n} de {total}",
        "contents": "Contenido",
        "pages": "Parte anterior y siguiente",
        "previous": "Anterior",
        "next": "Siguiente",
        "done_mark": "terminada",
        "lesson_done": "Lección terminada.",
        "finish_lessons": "Para completar el módulo, termine también: {lessons}.",
        "module_done": "Ha completado el módulo.",
        "resumed": "Bienvenido de nuevo: continúa donde lo dejó.",
        "question": "Pregunta {n}",
        "point_one": "1 punto",
        "point_many": "{n} puntos",
        "true": "Verdadero",
        "false": "Falso",
        "your_answer": "Su respuesta",
        "choose": "Elegir…",
        "submit": "Enviar respuestas",
        "retry": "Intentar de nuevo",
        "unanswered": "Responda a todas las preguntas (faltan {n}).",
        "not_a_number": "Introduzca un número.",
        "correct": "Correcto.",
        "incorrect": "Incorrecto.",
        "score": "Su puntuación: {score} %.",
        "passed": "Ha aprobado (nota mínima: {mastery} %).",
        "failed": "No ha aprobado (nota mínima: {mastery} %). Repase las lecciones e inténtelo "
                  "de nuevo.",
        "self_check_done": "Autoevaluación terminada: compare sus respuestas con los comentarios.",
        "list_separator": ", ",
    },
    "ru": {
        "skip": "Перейти к содержанию",
        "lesson_position": "Урок {n} из {total}",
        "end_title": "Конец урока",
        "end_text": "Вы дошли до конца этого урока.",
        "complete": "Отметить как пройденный и продолжить",
        "completed": "Урок пройден. Переходите к следующей части курса.",
        "completed_use_next": "Урок пройден. Перейдите к следующей части с помощью кнопки "
                              "«Далее» учебной платформы.",
        "no_lms": "Учебная платформа не найдена: вы можете читать и выполнять упражнения, "
                  "но ваш прогресс не будет сохранён.",
        "lms_error": "Учебная платформа не приняла последнее обновление: ваш прогресс может "
                     "быть не сохранён. Не закрывайте эту страницу и сообщите координатору.",
        "lms_refused": "Учебная платформа отказалась запустить эту часть (ошибка {code}): ваш "
                       "прогресс не сохраняется. Закройте учебный элемент и откройте его снова; "
                       "если это повторится, сообщите координатору обучения.",
        "part_position": "Часть {n} из {total}",
        "contents": "Содержание",
        "pages": "Предыдущая и следующая части",
        "previous": "Назад",
        "next": "Далее",
        "done_mark": "пройдено",
        "lesson_done": "Урок пройден.",
        "finish_lessons": "Чтобы завершить модуль, пройдите также: {lessons}.",
        "module_done": "Вы завершили модуль.",
        "resumed": "С возвращением: вы продолжаете с того места, где остановились.",
        "question": "Вопрос {n}",
        "point_one": "1 балл",
        # "баллов: N" reads right for every N (2 балла, 5 баллов, 0,5 балла would each need
        # their own plural form).
        "point_many": "баллов: {n}",
        "true": "Верно",
        "false": "Неверно",
        "your_answer": "Ваш ответ",
        "choose": "Выберите…",
        "submit": "Отправить ответы",
        "retry": "Попробовать ещё раз",
        "unanswered": "Ответьте на все вопросы (осталось: {n}).",
        "not_a_number": "Введите число.",
        "correct": "Правильно.",
        "incorrect": "Неправильно.",
        "score": "Ваш результат: {score} %.",
        "passed": "Тест пройден (проходной балл: {mastery} %).",
        "failed": "Тест не пройден (проходной балл: {mastery} %). Повторите уроки и попробуйте "
                  "ещё раз.",
        "self_check_done": "Самопроверка завершена: сравните свои ответы с комментариями.",
        "list_separator": ", ",
    },
    "ar": {
        "skip": "انتقل إلى المحتوى",
        "lesson_position": "الدرس {n} من {total}",
        "end_title": "نهاية الدرس",
        "end_text": "لقد وصلت إلى نهاية هذا الدرس.",
        "complete": "تحديد الدرس كمكتمل والمتابعة",
        "completed": "اكتمل الدرس. تابع إلى الجزء التالي من الدورة.",
        "completed_use_next": "اكتمل الدرس. انتقل إلى الجزء التالي بزر «التالي» الخاص بمنصة "
                              "التعلم.",
        "no_lms": "لم يُعثر على منصة تعلم: يمكنك القراءة والتدرّب، لكن تقدّمك لن يُسجَّل.",
        "lms_error": "لم تقبل منصة التعلم التحديث الأخير: قد لا يُسجَّل تقدّمك. أبقِ هذه الصفحة "
                     "مفتوحة وأبلغ منسّقك.",
        "lms_refused": "رفضت منصة التعلم بدء هذا الجزء (الخطأ {code}): تقدّمك لا يُسجَّل. غادر "
                       "النشاط ثم افتحه من جديد، وإذا تكرر ذلك فأبلغ منسّق التدريب.",
        "part_position": "الجزء {n} من {total}",
        "contents": "المحتويات",
        "pages": "الجزء السابق والتالي",
        "previous": "السابق",
        "next": "التالي",
        "done_mark": "مكتمل",
        "lesson_done": "اكتمل الدرس.",
        "finish_lessons": "لإكمال الوحدة، أكمل أيضًا: {lessons}.",
        "module_done": "لقد أكملت الوحدة.",
        "resumed": "مرحبًا بعودتك: تتابع من حيث توقفت.",
        "question": "السؤال {n}",
        "point_one": "نقطة واحدة",
        # "عدد النقاط: N" avoids the Arabic dual and plural forms, which change with N.
        "point_many": "عدد النقاط: {n}",
        "true": "صواب",
        "false": "خطأ",
        "your_answer": "إجابتك",
        "choose": "اختر…",
        "submit": "إرسال الإجابات",
        "retry": "حاول مرة أخرى",
        "unanswered": "يُرجى الإجابة عن جميع الأسئلة (المتبقي: {n}).",
        "not_a_number": "يُرجى إدخال رقم.",
        "correct": "إجابة صحيحة.",
        "incorrect": "إجابة غير صحيحة.",
        "score": "نتيجتك: {score}٪.",
        "passed": "لقد نجحت (درجة النجاح: {mastery}٪).",
        "failed": "لم تنجح (درجة النجاح: {mastery}٪). راجع الدروس ثم حاول مرة أخرى.",
        "self_check_done": "انتهى التقييم الذاتي: قارن إجاباتك بالملاحظات.",
        "list_separator": "، ",
    },
}

RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur"})


def interface_text(language: str) -> dict[str, str]:
    """The interface words for ``language`` (its base code), English when there is no table."""
    base = language.split("-")[0]
    return INTERFACE_TEXT.get(base, INTERFACE_TEXT["en"])


def text_direction(language: str) -> str:
    """``rtl`` for right-to-left scripts, else ``ltr``."""
    return "rtl" if language.split("-")[0] in RIGHT_TO_LEFT else "ltr"
