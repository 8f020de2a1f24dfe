@pragma
@pragma x
@pragma