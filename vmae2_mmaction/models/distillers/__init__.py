from .teacher_student import TeacherStudentRecognizer

__all__ = ['TeacherStudentRecognizer']
